using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.RemindOutages;

/// <summary>
/// 停水停电提醒 (run by <c>OutageJob</c>): twelve hours before the notice deadline an outage nobody has announced is told to its planner
/// and the project's managers (once); when the start comes the outage is marked started; past the expected end with the supply not
/// confirmed restored, the project's technicians and the planner are asked once. Each mark keeps a second pass silent.
/// </summary>
internal sealed class OutageWatch(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public static readonly TimeSpan RemindBefore = TimeSpan.FromHours(12);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var remindFrom = now + RemindBefore;
        var outages = await db.Set<PlannedOutage>()
            .Where(o =>
                o.EndedAt == null
                && (
                    // Only before its start: one whose start passed unannounced would be loaded by every run for nothing.
                    (o.FirstNoticeAt == null && o.NoticeRemindedAt == null && o.NoticeDueBy <= remindFrom && o.StartsAt > now)
                    || (o.StartedAt == null && o.StartsAt <= now)
                    || (o.OverrunToldAt == null && o.ExpectedEndAt <= now)
                )
            )
            .OrderBy(o => o.StartsAt)
            .ThenBy(o => o.Id)
            .Take(500)
            .ToListAsync(ct);
        var done = 0;
        foreach (var o in outages)
        {
            var kind = EmergencyText.Outage(o.Kind);
            var link = OutageReads.Link(o.Id);
            if (o.FirstNoticeAt is null && o.NoticeRemindedAt is null && o.NoticeDueBy <= remindFrom && o.StartsAt > now)
            {
                o.NoticeRemindedAt = now;
                var who = await notifier.UsersWithRoleAsync(Roles.ProjectManager, o.CompanyId, o.ProjectId, ct);
                if (o.PlannedByUserId is { } p)
                    who.Add(p);
                await notifier.NotifyAsync(
                    who.Distinct(),
                    o.CompanyId,
                    $"计划{kind}尚未通知业主",
                    $"{ChinaTime.Text(o.StartsAt)} 开始的{kind}（{o.Reason}）须在 {ChinaTime.Text(o.NoticeDueBy)} 前通知受影响业主。",
                    link,
                    $"outage-remind:{o.Id:N}",
                    ct
                );
                done++;
            }
            if (o.MarkStarted(now))
                done++;
            if (o.OverrunToldAt is null && o.ExpectedEndAt <= now)
            {
                o.OverrunToldAt = now;
                var who = await notifier.UsersWithRoleAsync(Roles.Technician, o.CompanyId, o.ProjectId, ct);
                if (o.PlannedByUserId is { } p)
                    who.Add(p);
                await notifier.NotifyAsync(
                    who.Distinct(),
                    o.CompanyId,
                    $"{kind}已超过预计结束时间",
                    $"预计 {ChinaTime.Text(o.ExpectedEndAt)} 恢复的{kind}（{o.Reason}）尚未确认恢复，请到场处理并在系统中确认。",
                    link,
                    $"outage-overrun:{o.Id:N}",
                    ct
                );
                done++;
            }
        }
        await db.SaveChangesAsync(ct);
        return done;
    }
}
