using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.ArrearsReminders;
using Wuye.Modules.Fees.Features.ListArrears;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>
/// 上门催缴: the households whose overdue bills were chased by a notice and an SMS and still owe, for the steward to visit
/// (a steward sees those of their zones), with what was sent before and the service problems that may be behind it; the
/// steward records what they found. Below, the visits recorded lately.
/// </summary>
internal sealed class VisitsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    ArrearsRemindersHandler reminders,
    IUnitComplaints complaints,
    IUnitOpenRequests requests,
    TimeProvider clock
) : PageModel
{
    public sealed record Household(
        Guid UnitId,
        string UnitLabel,
        Guid ReminderId,
        decimal Owed,
        DateOnly OldestDue,
        IReadOnlyList<ReminderDto> Steps,
        IReadOnlyList<ArrearsReason> Reasons
    );

    [BindProperty]
    public VisitOutcome? Outcome { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public DateOnly? PromisedDate { get; set; }

    public List<Household> Open { get; private set; } = [];
    public List<ReminderDto> Recorded { get; private set; } = [];
    public Guid? Failed { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            reminders.RecordVisitAsync(id, new VisitInput(Outcome, Note, PromisedDate), ct)
        );
        if (Error is null)
            return Redirect("/fees/visits?done=1");
        Failed = id;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Request.Query.ContainsKey("done"))
            Done = Loc.T("已记录上门结果", "The visit is recorded");
        var me = db.Scope.UserId;
        var steward = db.Scope.Roles.Contains(Roles.Steward) && !FeeRoles.MayManage(db.Scope);
        var owed = db.Set<Bill>().Where(b => b.Paid < b.Amount).Select(b => b.Id);
        var visits = db.Set<ArrearsReminder>()
            .AsNoTracking()
            .Where(r => r.Step == ReminderStep.Visit && r.Outcome == null && owed.Contains(r.BillId));
        if (steward)
            visits = visits.Where(r => r.StewardUserId == null || r.StewardUserId == me);
        var units = await visits
            .GroupBy(r => r.UnitId)
            .Select(g => new { UnitId = g.Key, First = g.Min(r => r.SentAt) })
            .OrderBy(x => x.First)
            .ThenBy(x => x.UnitId)
            .Take(50)
            .Select(x => x.UnitId)
            .ToListAsync(ct);
        // One query for the households' reminders (their 30 newest each are shown) and one for each household's open visit,
        // so a household with a long backlog still finds its visit whatever its reminders' order.
        var all = await reminders.ForUnitsAsync(units, 30, ct);
        var openVisit = (
            await visits
                .Where(r => units.Contains(r.UnitId))
                .OrderBy(r => r.SentAt)
                .ThenBy(r => r.Id)
                .Select(r => new
                {
                    r.UnitId,
                    r.Id,
                    r.Owed,
                })
                .ToListAsync(ct)
        ).GroupBy(r => r.UnitId).ToDictionary(g => g.Key, g => g.First());
        var labels = await db.UnitLabels().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Label, ct);
        var bills = await db.Set<Bill>()
            .AsNoTracking()
            .Where(b => units.Contains(b.UnitId) && b.Paid < b.Amount)
            .GroupBy(b => b.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Owed = g.Sum(b => b.Amount - b.Paid),
                Oldest = g.Min(b => b.DueDate),
            })
            .ToDictionaryAsync(x => x.UnitId, ct);
        var reasons = (await complaints.ForUnitsAsync(units, clock.GetUtcNow().AddDays(-365), ct))
            .Select(c => (c.UnitId, Reason: new ArrearsReason("complaint", c.Number, c.Description, c.Open, c.ReceivedAt)))
            .Concat(
                (await requests.OpenForUnitsAsync(units, ct)).Select(r =>
                    (r.UnitId, Reason: new ArrearsReason("request", r.Number, r.Description, true, r.OpenedAt))
                )
            )
            .ToLookup(x => x.UnitId, x => x.Reason);
        Open =
        [
            .. units
                .Where(openVisit.ContainsKey)
                .Select(u =>
                {
                    var mine = all.Where(r => r.UnitId == u).OrderBy(r => r.SentAt).ThenBy(r => r.Step).ToList();
                    var visit = openVisit[u];
                    var b = bills.GetValueOrDefault(u);
                    return new Household(
                        u,
                        labels.GetValueOrDefault(u) ?? "",
                        visit.Id,
                        b?.Owed ?? visit.Owed,
                        b?.Oldest ?? DateOnly.MinValue,
                        mine,
                        [.. reasons[u].Take(5)]
                    );
                }),
        ];
        Recorded = [.. (await reminders.RecordedVisitsAsync(50, ct)).DistinctBy(r => (r.UnitId, r.VisitedAt)).Take(20)];
    }
}
