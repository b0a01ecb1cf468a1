using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.SecurityHomeTasks;

/// <summary>
/// The security lines of the home to-do lists: a guard's rounds open now and not finished; for the project manager and the monitoring
/// center, the rounds of the last 7 days with a missed point not excused. Counted in SQL from the records, under the reader's scope.
/// </summary>
internal sealed class SecurityHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public const string PatrolLink = "/security/patrol";
    public const string MissedLink = "/security/patrol?view=missed";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (role == Roles.SecurityGuard)
        {
            var open = await Unfinished(db, db.Set<PatrolRound>().Where(r => r.StartsAt <= now && r.EndsAt > now)).CountAsync(ct);
            return [new(Loc.T("进行中的巡逻轮次", "Patrol rounds open now"), open, PatrolLink, open > 0)];
        }
        if (role is Roles.ProjectManager or Roles.MonitoringCenter)
        {
            var missed = await MissedRecently(db, now).CountAsync(ct);
            return
            [
                new(Loc.T("近 7 天漏巡轮次（未免责）", "Missed patrol rounds, last 7 days (not excused)"), missed, MissedLink, missed > 0),
            ];
        }
        return [];
    }

    /// <summary>Rounds with a checkpoint of their route neither scanned nor excused.</summary>
    public static IQueryable<PatrolRound> Unfinished(WuyeDb db, IQueryable<PatrolRound> rounds) =>
        rounds.Where(r =>
            db.Set<PatrolCheckpoint>()
                .Any(c =>
                    c.PatrolRouteId == r.PatrolRouteId
                    && !db.Set<PatrolScan>().Any(s => s.PatrolRoundId == r.Id && s.PatrolCheckpointId == c.Id)
                    && !db.Set<PatrolExcuse>().Any(e => e.PatrolRoundId == r.Id && e.PatrolCheckpointId == c.Id)
                )
        );

    /// <summary>Rounds closed in the last 7 days with a missed point not excused.</summary>
    public static IQueryable<PatrolRound> MissedRecently(WuyeDb db, DateTimeOffset now)
    {
        var since = now.AddDays(-7);
        return Unfinished(db, db.Set<PatrolRound>().Where(r => r.EndsAt <= now && r.EndsAt > since));
    }
}
