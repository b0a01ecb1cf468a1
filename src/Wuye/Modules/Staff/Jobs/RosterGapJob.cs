using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.RosterGaps;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Jobs;

/// <summary>
/// Hourly, looks at the roster of the coming <see cref="StaffOptions.RosterGapDays"/> days (today included) of every project:
/// each gap — a post's staffed shift with nobody on it, or only someone whose required certificate has lapsed by that day or
/// who is on approved leave — not told before is told to the project's managers, in one message per project and run, and
/// marked with a <see cref="RosterGapNotice"/> (post, shift, day, reason), which the next runs leave out: a gap is told once,
/// and again only for another reason (filled, then the certificate lapsed).
/// </summary>
internal sealed class RosterGapJob(IServiceScopeFactory scopes, ILogger<RosterGapJob> log) : WuyeJob(scopes, log)
{
    public static string Key(RosterGapDto first) => $"roster-gap:{first.PostId:N}:{first.ShiftId:N}:{first.Day:yyyyMMdd}:{first.Reason}";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChinaTime.Today(clock);
        var to = today.AddDays(services.GetRequiredService<IOptions<StaffOptions>>().Value.RosterGapDays - 1);
        var projects = db.ProjectRefs().Where(p => p.ArchivedAt == null).Select(p => p.Id);
        var gaps = await RosterGapsHandler.FindAsync(db, projects, today, to, clock.GetUtcNow(), ct);
        var told = (
            await db.Set<RosterGapNotice>()
                .AsNoTracking()
                .Where(n => n.Day >= today && n.Day <= to)
                .Select(n => new
                {
                    n.PostId,
                    n.ShiftId,
                    n.Day,
                    n.Reason,
                })
                .ToListAsync(ct)
        ).Select(n => (n.PostId, n.ShiftId, n.Day, n.Reason)).ToHashSet();
        var acted = 0;
        foreach (var project in gaps.Where(g => !told.Contains((g.PostId, g.ShiftId, g.Day, g.Reason))).GroupBy(g => g.ProjectId))
        {
            var fresh = project.ToList();
            var p = await db.ProjectRefs().Where(x => x.Id == project.Key).Select(x => new { x.CompanyId, x.Name }).FirstAsync(ct);
            var managers = await db
                .RoleAssignments.AsNoTracking()
                .Where(r => r.CompanyId == p.CompanyId && r.Role == Roles.ProjectManager && r.ProjectId == project.Key)
                .Select(r => r.UserId)
                .Distinct()
                .ToListAsync(ct);
            if (managers.Count > 0)
            {
                var lines = fresh
                    .Take(5)
                    .Select(g =>
                        $"{g.Day:MM-dd} {g.ShiftName} {g.Hours} {g.PostName}："
                        + (
                            g.StaffName is null
                                ? "无人值守"
                                : $"{g.StaffName}{(g.Reason == GapReason.OnLeave ? "已获准请假" : "证书已过期")}"
                        )
                    );
                await notifier.NotifyAsync(
                    managers,
                    p.CompanyId,
                    $"{p.Name}：排班有 {fresh.Count} 处缺岗",
                    string.Join("；", lines) + (fresh.Count > 5 ? $"；等 {fresh.Count} 处" : "") + "。请补排。",
                    RosterViews.Page,
                    Key(fresh[0]),
                    ct
                );
            }
            var now = clock.GetUtcNow();
            db.AddRange(
                fresh.Select(g => new RosterGapNotice
                {
                    PostId = g.PostId,
                    ShiftId = g.ShiftId,
                    Day = g.Day,
                    Reason = g.Reason,
                    ProjectId = g.ProjectId,
                    ToldAt = now,
                })
            );
            if (await Features.StaffAssessments.StaffScores.SaveOnceAsync(db, ct))
                acted += fresh.Count;
        }
        return acted;
    }
}
