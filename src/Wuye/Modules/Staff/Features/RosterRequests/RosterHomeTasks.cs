using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RosterRequests;

/// <summary>
/// The roster on the home pages: for a project manager, the leave and swap requests waiting for his decision; for rostered
/// staff, their shifts of the coming week (the title names the next one) and a swap a colleague asked of them.
/// </summary>
internal sealed class RosterHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.ProjectManager)
        {
            var projects = RosterViews.KeptProjects(db).Select(p => p.Id);
            var leaves = await RosterViews
                .Leaves(db)
                .CountAsync(l => l.Status == RequestStatus.Pending && projects.Contains(l.ProjectId) && l.UserId != scope.UserId, ct);
            var swaps = await RosterViews
                .Swaps(db)
                .CountAsync(s => s.Status == RequestStatus.Pending && projects.Contains(s.ProjectId), ct);
            return
            [
                new(Loc.T("待审批的请假", "Leave requests to decide"), leaves, RosterViews.Page + "?requests=true"),
                new(Loc.T("待审批的换班", "Shift swaps to decide"), swaps, RosterViews.Page + "?requests=true"),
            ];
        }
        if (!StaffRoles.Rostered.Contains(role))
            return [];
        var me = scope.UserId;
        var now = clock.GetUtcNow();
        var week = now.AddDays(7);
        var mine = db.Set<RosterEntry>().AsNoTracking().Where(e => e.UserId == me && e.EndsAt > now && e.StartsAt < week);
        var count = await mine.CountAsync(ct);
        var tasks = new List<HomeTask>();
        if (count > 0)
        {
            var next = (await RosterViews.Entries(db, mine).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(1).ToListAsync(ct))
                .Select(e => RosterViews.WithHours([e])[0])
                .First();
            var day = ChinaTime.ToChina(next.StartsAt);
            tasks.Add(
                new(
                    Loc.T(
                        $"我未来 7 天的班次（下一班 {day:MM-dd} {next.ShiftName} {next.Hours} {next.PostName}）",
                        $"My shifts this week (next: {day:MM-dd} {next.ShiftName} {next.Hours} {next.PostName})"
                    ),
                    count,
                    RosterViews.Page
                )
            );
        }
        var asked = await db.Set<ShiftSwap>().CountAsync(s => s.PartnerUserId == me && s.Status == RequestStatus.Pending, ct);
        if (asked > 0)
            tasks.Add(new(Loc.T("同事向我提出的换班", "Swaps colleagues asked of me"), asked, RosterViews.Page));
        return tasks;
    }
}
