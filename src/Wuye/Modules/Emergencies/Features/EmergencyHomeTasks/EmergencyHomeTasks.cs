using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.EmergencyHomeTasks;

/// <summary>
/// The emergency lines of the home to-do lists: for everyone on duty, the open incidents (and drill runs) with a step of their role
/// still to do. Counted in SQL under the reader's scope.
/// </summary>
internal sealed class EmergencyHomeTasks(WuyeDb db, DrillReads drills, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var tasks = new List<HomeTask>();
        if (EmergencyRoles.StepRoles.Contains(role))
        {
            var open = await db.Set<Incident>()
                .CountAsync(i => i.ClosedAt == null && i.Steps.Any(s => s.DoneAt == null && s.Role == role), ct);
            tasks.Add(
                new(Loc.T("进行中的突发事件（待我岗位处置）", "Open incidents with a step for my role"), open, "/emergencies", open > 0)
            );
        }
        if (EmergencyRoles.Managers.Contains(role))
        {
            var overdue = (await drills.DueAsync(null, ct)).Count(d => d.Overdue);
            tasks.Add(new(Loc.T("逾期未演练的预案", "Plans overdue for a drill"), overdue, DrillReads.ListLink + "#due", overdue > 0));
        }
        if (EmergencyRoles.OnDuty.Contains(role) && scope.UserId is { } me)
        {
            var mine = await db.Set<DrillAction>().CountAsync(a => a.OwnerUserId == me && a.DoneAt == null, ct);
            if (mine > 0)
                tasks.Add(new(Loc.T("待完成的演练整改项", "Drill actions to finish"), mine, DrillReads.ListLink + "#mine", true));
        }
        if (EmergencyRoles.OutagePlanners.Contains(role))
        {
            var now = clock.GetUtcNow();
            var soon = now.AddDays(3);
            var untold = await db.Set<PlannedOutage>()
                .CountAsync(o => o.EndedAt == null && o.FirstNoticeAt == null && o.NoticeDueBy <= soon, ct);
            tasks.Add(
                new(
                    Loc.T("计划停水停电待通知业主", "Planned outages to announce"),
                    untold,
                    OutageReads.ListLink + "?todo=notice",
                    untold > 0
                )
            );
            var open = await db.Set<PlannedOutage>().CountAsync(o => o.EndedAt == null && o.StartsAt <= now, ct);
            if (open > 0)
                tasks.Add(
                    new(Loc.T("停水停电中，待确认恢复", "Outages in progress, to confirm restored"), open, OutageReads.ListLink, true)
                );
        }
        return tasks;
    }
}
