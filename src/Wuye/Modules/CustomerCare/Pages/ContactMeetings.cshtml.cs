using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.ContactMeetings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>走访分析会: the months' meetings (due ones first), the chosen one with the month's plans, the visits' issues, the form to
/// record it and the issues raised at it, each turned into a service request with one button.</summary>
internal sealed class ContactMeetingsModel(WuyeDb db, ScopeAccessor scopes, ContactMeetings meetings) : PageModel
{
    public List<ContactMeetingDto> Meetings { get; private set; } = [];
    public ContactMeetingDetailDto? Meeting { get; private set; }
    public List<(Guid Id, string Label)> Households { get; private set; } = [];
    public bool MayRecord { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public string? Findings { get; set; }

    [BindProperty]
    public string? Attendees { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public string? Location { get; set; }

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

    public Task<IActionResult> OnPostHoldAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, () => meetings.HoldAsync(id, new(Findings, Attendees), ct), Loc.T("已记录分析会", "Meeting recorded"), ct);

    public Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct) =>
        ActAsync(
            id,
            () => meetings.RaiseAsync(id, new(UnitId, Location, Category, Description), ct),
            Loc.T("已记录问题", "Issue recorded"),
            ct
        );

    public Task<IActionResult> OnPostOpenAsync(Guid id, Guid issueId, CancellationToken ct) =>
        ActAsync(id, () => meetings.OpenRequestAsync(id, issueId, ct), Loc.T("已转为报事工单", "Opened as a service request"), ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Task> action, string done, CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Publishers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
        {
            Done = done;
            return RedirectToPage(new { id });
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task LoadAsync(Guid? id, CancellationToken ct)
    {
        MayRecord = CareRoles.MayPublish(scopes.Scope);
        Meetings = [.. (await meetings.ListAsync(null, null, ct)).OrderByDescending(m => m.Due).ThenByDescending(m => m.Month).Take(24)];
        var chosen = id ?? Meetings.FirstOrDefault()?.Id;
        if (chosen is not { } c || !await db.Set<ContactMeeting>().AnyAsync(m => m.Id == c, ct))
            return;
        Meeting = await meetings.OneAsync(c, ct);
        var plans = Meeting.Plans.Select(p => p.Id).ToList();
        var labels = db.UnitLabels();
        Households =
        [
            .. (
                await db.Set<ContactPlanItem>()
                    .AsNoTracking()
                    .Where(i => plans.Contains(i.PlanId))
                    .Select(i => new { i.UnitId, Label = labels.Where(l => l.Id == i.UnitId).Select(l => l.Label).FirstOrDefault() ?? "" })
                    .Distinct()
                    .OrderBy(i => i.Label)
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(i => (i.UnitId, i.Label)),
        ];
    }
}
