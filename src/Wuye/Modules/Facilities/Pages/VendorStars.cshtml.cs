using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.VendorMeetings;
using Wuye.Modules.Facilities.Features.VendorStars;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>外包优秀员工 (000#17): a project's named employees month by month; for managers, the month's nominees suggested from
/// records (best first, with the records behind each) and the form to name one with the reason.</summary>
internal sealed class VendorStarsModel(
    WuyeDb db,
    TimeProvider clock,
    ScopeAccessor scopes,
    VendorStarService service,
    VendorStarNominees nominees
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    public List<NamedRef> Projects { get; private set; } = [];
    public List<VendorStarDto> Stars { get; private set; } = [];
    public List<StarNomineeDto> Nominees { get; private set; } = [];
    public VendorStarDto? OfMonth { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool Planner => FacilitiesRoles.MayPlan(db.Scope);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayReadVendors(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var parsed = Month is null ? null : VendorStarInput.ParseMonth(Month);
        if (Month is not null && parsed is null)
            Error ??= Loc.T("月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
        var month = parsed ?? VendorMeeting.MonthOf(today);
        Month = $"{month:yyyy-MM}";
        Projects = await db.ProjectRefs()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(200)
            .Select(p => new NamedRef(p.Id, p.Name))
            .ToListAsync(ct);
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.FirstOrDefault()?.Id;
        if (ProjectId is not { } project)
            return;
        Stars = [.. (await service.ListAsync(project, null, null, ct)).Take(24)];
        OfMonth = Stars.FirstOrDefault(s => s.Month == Month);
        if (Planner && OfMonth is null)
            Nominees = await nominees.ForAsync(project, month, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid? staffId, string? reason, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Planners))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = Validator.Check(new VendorStarInput(ProjectId, Month, staffId, reason));
            await service.NameAsync(input, ct);
        });
        if (Error is null)
            Done = Loc.T("已评选本月优秀员工", "The month's employee is named");
        await LoadAsync(ct);
        return Page();
    }
}
