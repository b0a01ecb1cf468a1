using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.VendorMeetings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>外包例会 (000#18): the owner's open actions to close with a note; for managers, a project's meeting of a month with its
/// actions, the form to record it (vendors present, minutes, an action) and to add an action.</summary>
internal sealed class VendorMeetingsModel(WuyeDb db, TimeProvider clock, ScopeAccessor scopes, VendorMeetingService service) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    public List<NamedRef> Projects { get; private set; } = [];
    public List<NamedRef> Vendors { get; private set; } = [];
    public List<NamedRef> Owners { get; private set; } = [];
    public List<VendorMeetingActionDto> Mine { get; private set; } = [];
    public VendorMeetingDto? Meeting { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }
    public bool Reader => FacilitiesRoles.MayReadVendors(db.Scope);
    public bool Planner => FacilitiesRoles.MayPlan(db.Scope);

    public bool MayClose(VendorMeetingActionDto a) =>
        a.DoneAt is null && (a.OwnerUserId == db.Scope.UserId || (Planner && Projects.Any(p => p.Id == a.ProjectId)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await MayOpenAsync(ct))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> MayOpenAsync(CancellationToken ct) =>
        Reader
        || (
            db.Scope.UserId is { } me
            && FacilitiesRoles.Readers.Any(db.Scope.HasRole)
            && await db.Set<VendorMeetingAction>().AnyAsync(a => a.OwnerUserId == me, ct)
        );

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var month = VendorMeeting.MonthOf(Today);
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", out month))
        {
            Error ??= Loc.T("月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
            month = VendorMeeting.MonthOf(Today);
        }
        Month = $"{month:yyyy-MM}";
        if (db.Scope.UserId is { } me)
            Mine = (await service.ActionsAsync(null, me, true, ct)).Take(50).ToList();
        if (!Reader)
            return;
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
        Meeting = (
            await service.MeetingsAsync(db.Set<VendorMeeting>().Where(m => m.ProjectId == project && m.Month == month), ct)
        ).FirstOrDefault();
        if (!Planner)
            return;
        var company = await db.ProjectRefs().Where(p => p.Id == project).Select(p => p.CompanyId).FirstAsync(ct);
        Vendors = await db.VendorRefs()
            .Where(v => v.CompanyId == company && v.ArchivedAt == null)
            .OrderBy(v => v.Name)
            .ThenBy(v => v.Id)
            .Take(100)
            .Select(v => new NamedRef(v.Id, v.Name))
            .ToListAsync(ct);
        if (Meeting is not null)
            Vendors = [.. Meeting.Vendors];
        Owners = await service.OwnersAsync(project, ct);
    }

    public async Task<IActionResult> OnPostRecordAsync(
        DateOnly? heldOn,
        Guid[]? vendorIds,
        string? minutes,
        Guid? actionVendorId,
        string? what,
        Guid? ownerUserId,
        DateOnly? dueOn,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(FacilitiesRoles.Planners))
            return Forbid();
        var hasAction = !string.IsNullOrWhiteSpace(what) || actionVendorId is not null || ownerUserId is not null;
        var input = new VendorMeetingInput(
            ProjectId,
            heldOn,
            vendorIds,
            minutes,
            hasAction ? [new VendorMeetingActionInput(actionVendorId, what, ownerUserId, dueOn)] : []
        );
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            var m = await service.CreateAsync(input, ct);
            Month = m.Month;
        });
        if (Error is null)
            Done = Loc.T("已记录本月外包例会", "The month's vendor meeting is recorded");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActionAsync(
        Guid meetingId,
        Guid? actionVendorId,
        string? what,
        Guid? ownerUserId,
        DateOnly? dueOn,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(FacilitiesRoles.Planners))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = Validator.Check(new VendorMeetingActionInput(actionVendorId, what, ownerUserId, dueOn));
            await service.AddActionAsync(meetingId, input, ct);
        });
        if (Error is null)
            Done = Loc.T("已添加措施", "Action added");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid actionId, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Readers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = Validator.Check(new ActionDoneInput(note));
            await service.CloseAsync(actionId, input, ct);
        });
        if (Error is null)
            Done = Loc.T("措施已完成", "Action done");
        await LoadAsync(ct);
        return Page();
    }
}
