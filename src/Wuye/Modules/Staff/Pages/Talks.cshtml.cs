using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 员工座谈档案: each kept project's progress against the talks quota (month and quarter), the talks of the month (or the
/// open issues), a form to record a talk and, on each open issue, its follow-up. Keepers only: the staff talked with do not
/// see the archive.
/// </summary>
internal sealed class TalksModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    IOptions<StaffOptions> options,
    StaffTalksHandler talks
) : PageModel
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    public List<TalkProgressDto> Progress { get; private set; } = [];
    public List<StaffTalkDto> Talks { get; private set; } = [];
    public int Total { get; private set; }
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayKeep(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? staffMemberId,
        DateOnly? heldOn,
        string? topic,
        string? notes,
        string? issue,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            talks.RecordAsync(new StaffTalkInput(staffMemberId, heldOn, topic, notes, issue), ct)
        );
        Done = Error is null ? Loc.T("座谈已记录", "Talk recorded") : null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, string? followUp, CancellationToken ct)
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => talks.FollowUpAsync(id, new FollowUpInput(followUp), ct));
        Done = Error is null ? Loc.T("跟进情况已记录，问题已办结", "Follow-up recorded; the issue is closed") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var month = StaffTalk.MonthOf(Today);
        Progress = await StaffTalkViews.ProgressAsync(db, StaffTalkViews.KeptProjects(db), month, options.Value.TalksPerMonth, ct);
        if (ProjectId is null || Progress.All(p => p.ProjectId != ProjectId))
            ProjectId = Progress.FirstOrDefault()?.ProjectId;
        var q = StaffTalkViews.Visible(db).Where(t => t.ProjectId == ProjectId);
        q = Open ? q.Where(t => t.Issue != null && t.FollowedUpOn == null) : q.Where(t => t.HeldOn >= month);
        Total = await q.CountAsync(ct);
        Talks = await StaffTalkViews.ToDtosAsync(
            db,
            await q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).Take(Shown).ToListAsync(ct),
            ct
        );
        Staff =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s => s.ProjectId == ProjectId && s.ArchivedAt == null)
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name })
                    .Take(300)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name)),
        ];
    }
}
