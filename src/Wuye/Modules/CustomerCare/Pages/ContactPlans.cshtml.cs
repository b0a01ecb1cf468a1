using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Modules.CustomerCare.Features.ReceptionDays;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>走访计划: this month's plans with their progress, the form to make one, and the chosen plan's households (contacted or
/// not, a link to record the visit) with the issues raised, each opened as a service request.</summary>
internal sealed class ContactPlansModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, ContactPlans plans, ReceptionDays reception)
    : PageModel
{
    public List<ReceptionDayDto> Days { get; private set; } = [];
    public Dictionary<Guid, List<ReceptionAppointmentDto>> Appointments { get; private set; } = [];
    public bool MayHost { get; private set; }

    [BindProperty]
    public DateTime? DayStartsAt { get; set; }

    [BindProperty]
    public DateTime? DayEndsAt { get; set; }

    [BindProperty]
    public string? DayPlace { get; set; }

    [BindProperty]
    public string? Outcome { get; set; }

    public List<ContactPlanDto> Plans { get; private set; } = [];
    public ContactPlanDetailDto? Plan { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, string Name)> Zones { get; private set; } = [];
    public bool MayPlanProject { get; private set; }
    public DateOnly Month { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public Guid? ZoneId { get; set; }

    [BindProperty(Name = "PlanMonth")]
    public string? PlanMonth { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public RequestCategory? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        Guid id = default;
        var month = DateOnly.TryParseExact(PlanMonth, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            ? m
            : (DateOnly?)null;
        Error = await PageActions.TryAsync(ModelState, async () => id = await plans.CreateAsync(new(ProjectId, ZoneId, month), ct));
        if (Error is null)
        {
            Done = Loc.T("已制定", "Planned");
            return RedirectToPage(new { id });
        }
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDayAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(ReceptionDays.Hosts))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            reception.CreateAsync(new(ProjectId, ChinaTime.FromInput(DayStartsAt), ChinaTime.FromInput(DayEndsAt), DayPlace), ct)
        );
        if (Error is null)
        {
            Done = Loc.T("已安排接待日", "Reception day set");
            return RedirectToPage();
        }
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid dayId, Guid appointmentId, CancellationToken ct)
    {
        if (!scopes.ActAs(ReceptionDays.Hosts))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => reception.RecordAsync(dayId, appointmentId, new(Outcome), ct));
        if (Error is null)
        {
            Done = Loc.T("已记录", "Recorded");
            return RedirectToPage();
        }
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => plans.RaiseIssueAsync(id, new(UnitId, Category, Description), ct));
        if (Error is null)
        {
            Done = Loc.T("已转为报事工单", "Opened as a service request");
            return RedirectToPage(new { id });
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid? id, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        Month = ContactPlans.MonthOf(today);
        MayPlanProject = CareRoles.MayPublish(scopes.Scope);
        MayHost = MayPlanProject;
        Days = [.. (await reception.ListAsync(false, ct)).Take(6)];
        foreach (var d in Days)
            Appointments[d.Id] = await reception.Appointments(d.Id).Take(100).ToListAsync(ct);
        Plans = await plans.ListAsync(plans.Plans(today, null, false), ct);
        var me = scopes.Scope.UserId;
        var chosen = id ?? Plans.Where(p => p.StewardUserId == me).Select(p => (Guid?)p.Id).FirstOrDefault();
        if (chosen is { } c && await db.Set<ContactPlan>().AnyAsync(p => p.Id == c, ct))
            Plan = await plans.OneAsync(c, ct);
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Take(200)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        Zones =
        [
            .. (
                await db.ZoneRefs()
                    .AsNoTracking()
                    .Where(z => z.ArchivedAt == null && (MayPlanProject || z.StewardUserId == me))
                    .OrderBy(z => z.Name)
                    .ThenBy(z => z.Id)
                    .Take(200)
                    .Select(z => new
                    {
                        z.Id,
                        z.ProjectId,
                        z.Name,
                    })
                    .ToListAsync(ct)
            ).Select(z => (z.Id, z.ProjectId, z.Name)),
        ];
    }
}
