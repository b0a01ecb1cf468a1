using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.TellOverdueDrills;

/// <summary>
/// 演练逾期提醒: a plan in force whose next drill (its kind's frequency after the last completed drill, or after the plan was written)
/// has passed is told to the project's managers once per due date; the mark on the plan keeps a second pass silent.
/// </summary>
internal sealed class OverdueDrills(WuyeDb db, TimeProvider clock, Notifier notifier, IOptions<EmergenciesOptions> options)
{
    public async Task<int> TellAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var plans = await db.Set<EmergencyPlan>()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                Plan = p,
                Last = db.Set<Drill>().Where(d => d.EmergencyPlanId == p.Id && d.CompletedAt != null).Max(d => d.CompletedAt),
                Next = db.Set<Drill>()
                    .Where(d => d.EmergencyPlanId == p.Id && d.CompletedAt == null)
                    .Min(d => (DateTimeOffset?)d.ScheduledFor),
            })
            .ToListAsync(ct);
        var told = 0;
        foreach (var row in plans)
        {
            var p = row.Plan;
            var due = Drill.NextDue(row.Last, p.CreatedAt, options.Value.DrillMonths(p.Kind));
            if (due >= now || p.DrillOverdueToldFor == due)
                continue;
            p.DrillOverdueToldFor = due;
            var managers = await notifier.UsersWithRoleAsync(Roles.ProjectManager, p.CompanyId, p.ProjectId, ct);
            var when = row.Next is { } n ? $"，已安排在 {ChinaTime.Text(n)}" : "，尚未安排";
            await notifier.NotifyAsync(
                managers,
                p.CompanyId,
                $"应急演练逾期：{p.Title}",
                $"{EmergencyText.Kind(p.Kind)}预案应于 {ChinaTime.Text(due)} 前演练{when}。",
                DrillReads.ListLink,
                $"drill-overdue:{p.Id:N}:{due:yyyyMMdd}",
                ct
            );
            told++;
        }
        await db.SaveChangesAsync(ct);
        return told;
    }
}
