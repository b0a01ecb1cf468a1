using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.RosterGaps;
using Wuye.Modules.Staff.Features.RosterRequests;
using Wuye.Modules.Staff.Features.Rosters;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>
/// 排班: the week of a project's duty roster, day by day. Keepers fill it (a person, a post, a shift, a day), take people off,
/// decide leave and swap requests and define shifts and posts; rostered staff see their coming shifts, ask for leave and
/// offer a shift of theirs for a colleague's.
/// </summary>
internal sealed class RostersModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RostersHandler rosters,
    RosterRequestsHandler requests,
    RosterGapsHandler gaps
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Week { get; set; }

    public bool CanKeep { get; private set; }
    public bool Rostered { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public DateOnly Monday { get; private set; }
    public List<RosterEntryDto> Entries { get; private set; } = [];
    public List<RosterShiftDto> Shifts { get; private set; } = [];
    public List<RosterPostDto> Posts { get; private set; } = [];
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public List<(Guid Id, string Name)> Teams { get; private set; } = [];
    public List<(Guid Id, string Name)> SecurityPosts { get; private set; } = [];
    public List<LeaveDto> PendingLeaves { get; private set; } = [];
    public List<SwapDto> PendingSwaps { get; private set; } = [];
    public Dictionary<Guid, RosterEntryDto> SwapEntries { get; private set; } = [];
    public List<RosterEntryDto> Mine { get; private set; } = [];
    public List<RosterEntryDto> Colleagues { get; private set; } = [];
    public List<LeaveDto> MyLeaves { get; private set; } = [];
    public List<SwapDto> MySwaps { get; private set; } = [];
    public List<RosterGapDto> Gaps { get; private set; } = [];
    public int GapDays { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayOpenRosters(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> RunAsync(string[] roles, Func<Task> action, string done, CancellationToken ct)
    {
        if (!scopes.ActAs(roles))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        Done = Error is null && ModelState.IsValid ? done : null;
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostEntryAsync(Guid? postId, Guid? shiftId, DateOnly? day, Guid? staffMemberId, CancellationToken ct) =>
        RunAsync(
            StaffRoles.Keepers,
            () => rosters.AddEntryAsync(new EntryInput(postId, shiftId, day, staffMemberId), ct),
            Loc.T("已排班", "Rostered"),
            ct
        );

    public Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct) =>
        RunAsync(StaffRoles.Keepers, () => rosters.RemoveEntryAsync(id, ct), Loc.T("已撤下该班次", "Taken off the shift"), ct);

    public Task<IActionResult> OnPostShiftAsync(string? name, ShiftKind? kind, string? starts, string? ends, CancellationToken ct) =>
        RunAsync(
            StaffRoles.Keepers,
            () => rosters.AddShiftAsync(new ShiftInput(ProjectId, name, kind, starts, ends), ct),
            Loc.T("班次已添加", "Shift added"),
            ct
        );

    public Task<IActionResult> OnPostPostAsync(
        string? postName,
        Guid? teamId,
        Guid? securityPostId,
        CertificateKind? requiredCertificate,
        Guid[]? staffedShiftIds,
        CancellationToken ct
    ) =>
        RunAsync(
            StaffRoles.Keepers,
            () =>
                rosters.AddPostAsync(new PostInput(ProjectId, postName, teamId, securityPostId, requiredCertificate, staffedShiftIds), ct),
            Loc.T("岗位已添加", "Post added"),
            ct
        );

    public Task<IActionResult> OnPostDecideLeaveAsync(Guid id, bool approve, string? note, CancellationToken ct)
    {
        var vacated = 0;
        return RunAsync(
            StaffRoles.Keepers,
            async () => vacated = (await requests.DecideLeaveAsync(id, new DecisionInput(approve, note), ct)).Vacated,
            approve ? Loc.T("已批准请假", "Leave approved") : Loc.T("已驳回请假", "Leave rejected"),
            ct
        );
    }

    public Task<IActionResult> OnPostDecideSwapAsync(Guid id, bool approve, CancellationToken ct) =>
        RunAsync(
            StaffRoles.Keepers,
            () => requests.DecideSwapAsync(id, new DecisionInput(approve, null), ct),
            approve ? Loc.T("已批准换班", "Swap approved") : Loc.T("已驳回换班", "Swap rejected"),
            ct
        );

    public Task<IActionResult> OnPostLeaveAsync(DateOnly? fromDay, DateOnly? toDay, string? reason, CancellationToken ct) =>
        RunAsync(
            StaffRoles.Rostered,
            () => requests.AskLeaveAsync(new LeaveInput(ProjectId, fromDay, toDay, reason), ct),
            Loc.T("请假申请已提交，等待审批", "Leave requested; waiting for approval"),
            ct
        );

    public Task<IActionResult> OnPostSwapAsync(Guid? entryId, Guid? withEntryId, string? reason, CancellationToken ct) =>
        RunAsync(
            StaffRoles.Rostered,
            () => requests.AskSwapAsync(new SwapInput(entryId, withEntryId, reason), ct),
            Loc.T("换班申请已提交，等待审批", "Swap requested; waiting for approval"),
            ct
        );

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = scopes.Scope;
        CanKeep = StaffRoles.MayKeep(scope);
        Rostered = StaffRoles.Rostered.Any(scope.HasRole);
        Today = ChinaTime.Today(clock);
        Now = clock.GetUtcNow();
        Monday = RosterViews.WeekOf(Week ?? Today);
        var me = scope.UserId;
        var kept = CanKeep
            ? await RosterViews
                .KeptProjects(db)
                .OrderBy(p => p.Name)
                .ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.Name })
                .Take(200)
                .ToListAsync(ct)
            : [];
        var own = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.UserId == me && s.ArchivedAt == null && s.ProjectId != null)
            .Select(s => s.ProjectId!.Value)
            .ToListAsync(ct);
        var ownProjects = await db.ProjectRefs().Where(p => own.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        Projects = [.. kept.Concat(ownProjects).DistinctBy(p => p.Id).OrderBy(p => p.Name).Select(p => (p.Id, p.Name))];
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.FirstOrDefault().Id;
        var project = ProjectId;
        var sunday = Monday.AddDays(6);
        Entries = RosterViews.WithHours(
            await RosterViews
                .Entries(db, db.Set<RosterEntry>().AsNoTracking().Where(e => e.ProjectId == project && e.Day >= Monday && e.Day <= sunday))
                .OrderBy(e => e.StartsAt)
                .ThenBy(e => e.PostName)
                .ThenBy(e => e.Id)
                .Take(1000)
                .ToListAsync(ct)
        );
        var keepsThis = CanKeep && kept.Any(p => p.Id == project);
        CanKeep = keepsThis;
        if (keepsThis)
            await LoadKeeperAsync(project!.Value, ct);
        if (Rostered)
            await LoadMineAsync(project, me, ct);
    }

    private async Task LoadKeeperAsync(Guid project, CancellationToken ct)
    {
        var (from, to) = gaps.Window();
        GapDays = to.DayNumber - from.DayNumber + 1;
        Gaps = await gaps.ListAsync(project, from, to, ct);
        Shifts =
        [
            .. (
                await db.Set<RosterShift>()
                    .AsNoTracking()
                    .Where(s => s.ProjectId == project)
                    .OrderBy(s => s.Starts)
                    .ThenBy(s => s.Id)
                    .ToListAsync(ct)
            ).Select(RosterViews.ToDto),
        ];
        Posts = await RosterViews
            .Posts(db, db.Set<RosterPost>().AsNoTracking().Where(p => p.ProjectId == project).OrderBy(p => p.Name).ThenBy(p => p.Id))
            .ToListAsync(ct);
        Staff =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s => s.ProjectId == project && s.ArchivedAt == null)
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new { s.Id, s.Name })
                    .Take(300)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name)),
        ];
        Teams =
        [
            .. (
                await db.TeamRefs()
                    .Where(t => t.ProjectId == project && t.ArchivedAt == null)
                    .OrderBy(t => t.Name)
                    .ThenBy(t => t.Id)
                    .Select(t => new { t.Id, t.Name })
                    .ToListAsync(ct)
            ).Select(t => (t.Id, t.Name)),
        ];
        SecurityPosts =
        [
            .. (
                await db.SecurityPostRefs()
                    .Where(t => t.ProjectId == project && t.ArchivedAt == null)
                    .OrderBy(t => t.Name)
                    .ThenBy(t => t.Id)
                    .Select(t => new { t.Id, t.Name })
                    .ToListAsync(ct)
            ).Select(t => (t.Id, t.Name)),
        ];
        PendingLeaves =
        [
            .. (
                await RosterViews
                    .Leaves(db)
                    .Where(l => l.ProjectId == project && l.Status == RequestStatus.Pending)
                    .OrderBy(l => l.FromDay)
                    .ThenBy(l => l.Id)
                    .Take(100)
                    .ToListAsync(ct)
            ).Select(RosterViews.ToDto),
        ];
        PendingSwaps =
        [
            .. (
                await RosterViews
                    .Swaps(db)
                    .Where(s => s.ProjectId == project && s.Status == RequestStatus.Pending)
                    .OrderBy(s => s.CreatedAt)
                    .ThenBy(s => s.Id)
                    .Take(100)
                    .ToListAsync(ct)
            ).Select(RosterViews.ToDto),
        ];
        var ids = PendingSwaps.SelectMany(s => new[] { s.EntryId, s.WithEntryId }).ToList();
        SwapEntries = RosterViews
            .WithHours(await RosterViews.Entries(db, db.Set<RosterEntry>().AsNoTracking().Where(e => ids.Contains(e.Id))).ToListAsync(ct))
            .ToDictionary(e => e.Id);
    }

    private async Task LoadMineAsync(Guid? project, Guid? me, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddDays(14);
        Mine = RosterViews.WithHours(
            await RosterViews
                .Entries(db, db.Set<RosterEntry>().AsNoTracking().Where(e => e.UserId == me && e.EndsAt > now && e.StartsAt < horizon))
                .OrderBy(e => e.StartsAt)
                .ThenBy(e => e.Id)
                .Take(50)
                .ToListAsync(ct)
        );
        Colleagues = RosterViews.WithHours(
            await RosterViews
                .Entries(
                    db,
                    db.Set<RosterEntry>()
                        .AsNoTracking()
                        .Where(e => e.ProjectId == project && e.UserId != me && e.StartsAt > now && e.StartsAt < horizon)
                )
                .OrderBy(e => e.StartsAt)
                .ThenBy(e => e.Id)
                .Take(200)
                .ToListAsync(ct)
        );
        MyLeaves =
        [
            .. (
                await db.Set<LeaveRequest>()
                    .AsNoTracking()
                    .Where(l => l.UserId == me)
                    .OrderByDescending(l => l.CreatedAt)
                    .ThenBy(l => l.Id)
                    .Take(10)
                    .ToListAsync(ct)
            ).Select(RosterViews.ToDto),
        ];
        MySwaps =
        [
            .. (
                await db.Set<ShiftSwap>()
                    .AsNoTracking()
                    .Where(s => s.RequesterUserId == me || s.PartnerUserId == me)
                    .OrderByDescending(s => s.CreatedAt)
                    .ThenBy(s => s.Id)
                    .Take(10)
                    .ToListAsync(ct)
            ).Select(RosterViews.ToDto),
        ];
    }
}
