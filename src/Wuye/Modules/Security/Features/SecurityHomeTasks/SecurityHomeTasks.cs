using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.SecurityHomeTasks;

/// <summary>
/// The security lines of the home to-do lists: a guard's rounds open now and not finished (theirs on duty, or nobody's); for the
/// project manager and the monitoring
/// center, the rounds of the last 7 days with a missed point not excused; roll-calls waiting; safety tips to acknowledge (guard) or
/// left unacknowledged today (center);
/// hidden tokens to find (guard) or not found (manager); repeat parking violations escalated and not closed, booth receipts voided
/// in the last 7 days, overdue duties (manager); today's CCTV checks to do (center). Counted from the records, under the reader's
/// scope.
/// </summary>
internal sealed class SecurityHomeTasks(WuyeDb db, TimeProvider clock, Features.SecurityDuties.SecurityDutyHandler duties) : IHomeTaskSource
{
    public const string PatrolLink = "/security/patrol";
    public const string MissedLink = "/security/patrol?view=missed";

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (role == Roles.SecurityGuard)
        {
            var me = scope.UserId;
            var open = await Unfinished(
                    db,
                    db.Set<PatrolRound>().Where(r => r.StartsAt <= now && r.EndsAt > now && (r.DutyUserId == null || r.DutyUserId == me))
                )
                .CountAsync(ct);
            var calls = await db.Set<RollCall>().CountAsync(c => c.GuardUserId == me && c.AnsweredAt == null && c.EscalatedAt == null, ct);
            var tips = await db.Set<SafetyTipDelivery>()
                .CountAsync(d => d.GuardUserId == me && d.AcknowledgedAt == null && d.SlotTo > now, ct);
            var tokens = await db.Set<HiddenToken>().CountAsync(t => t.GuardUserId == me && t.FoundAt == null && t.DueAt > now, ct);
            return
            [
                new(Loc.T("待确认的安全提示", "Safety tips to acknowledge"), tips, Jobs.TipLinks.Page, tips > 0),
                new(Loc.T("今晚待寻找的搜寻棒", "Hidden tokens to find tonight"), tokens, Jobs.TokenLinks.Page, tokens > 0),
                new(Loc.T("进行中的巡逻轮次", "Patrol rounds open now"), open, PatrolLink, open > 0),
                new(Loc.T("待应答的夜间点名", "Roll-calls waiting for your answer"), calls, Jobs.RollCallLinks.Console, calls > 0),
            ];
        }
        if (role is Roles.ProjectManager or Roles.MonitoringCenter)
        {
            var missed = await MissedRecently(db, now).CountAsync(ct);
            var since = now.AddHours(-12);
            var calls =
                role == Roles.MonitoringCenter
                    ? await db.Set<RollCall>().CountAsync(c => c.AnsweredAt == null && c.CalledAt > since, ct)
                    : await db.Set<RollCall>().CountAsync(c => c.AnsweredAt == null && c.EscalatedAt > since, ct);
            List<HomeTask> tasks =
            [
                new(Loc.T("近 7 天漏巡轮次（未免责）", "Missed patrol rounds, last 7 days (not excused)"), missed, MissedLink, missed > 0),
                role == Roles.MonitoringCenter
                    ? new(
                        Loc.T("近 12 小时未应答的点名", "Roll-calls not answered, last 12 hours"),
                        calls,
                        Jobs.RollCallLinks.Console,
                        calls > 0
                    )
                    : new(
                        Loc.T("近 12 小时上报的未应答点名", "Unanswered roll-calls escalated, last 12 hours"),
                        calls,
                        Jobs.RollCallLinks.Console,
                        calls > 0
                    ),
                role == Roles.MonitoringCenter ? await UnacknowledgedTipsAsync(now, ct) : await TokensNotFoundAsync(now, ct),
            ];
            if (role == Roles.MonitoringCenter)
            {
                var cctv = (await duties.StatusesAsync(null, ct)).Count(d => d.Kind == DutyKind.CctvRetention && !d.DoneToday);
                tasks.Add(
                    new(
                        Loc.T("今日待做的监控录像检查", "CCTV retention checks to do today"),
                        cctv,
                        Features.SecurityDuties.SecurityDutyHandler.Page,
                        false
                    )
                );
            }
            if (role == Roles.ProjectManager)
            {
                var repeats = await db.Set<ParkingViolation>().CountAsync(v => v.EscalatedAt != null && v.ClosedAt == null, ct);
                tasks.Add(
                    new(
                        Loc.T("违停累犯待处理", "Repeat parking violations to handle"),
                        repeats,
                        Features.ParkingViolations.ParkingViolationHandler.RepeatersPage,
                        repeats > 0
                    )
                );
                var overdue = (await duties.StatusesAsync(null, ct)).Count(d => d.Overdue);
                tasks.Add(
                    new(
                        Loc.T("逾期的安保职责", "Overdue security duties"),
                        overdue,
                        Features.SecurityDuties.SecurityDutyHandler.Page,
                        overdue > 0
                    )
                );
                var weekAgo = now.AddDays(-7);
                var voids = await db.Set<BoothReceipt>().CountAsync(r => r.VoidedAt > weekAgo, ct);
                tasks.Add(
                    new(
                        Loc.T("近 7 天作废的岗亭收据（周对账）", "Booth receipts voided, last 7 days (weekly reconciliation)"),
                        voids,
                        Features.BoothReceipts.BoothReceiptHandler.ReconciliationPage,
                        false
                    )
                );
            }
            return tasks;
        }
        return [];
    }

    /// <summary>Today's tips whose slot ended without the guard's acknowledgement: the center follows them up.</summary>
    private async Task<HomeTask> UnacknowledgedTipsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var n = await db.Set<SafetyTipDelivery>().CountAsync(d => d.Day == today && d.AcknowledgedAt == null && d.SlotTo <= now, ct);
        return new(Loc.T("今日未确认的安全提示", "Safety tips not acknowledged today"), n, Jobs.TipLinks.Page, n > 0);
    }

    /// <summary>The last 7 days' hidden tokens not found by the end of their shift: the supervisor follows the patrol up.</summary>
    private async Task<HomeTask> TokensNotFoundAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-7);
        var n = await db.Set<HiddenToken>().CountAsync(t => t.FoundAt == null && t.DueAt <= now && t.DueAt > since, ct);
        return new(Loc.T("近 7 天未找到的搜寻棒", "Hidden tokens not found, last 7 days"), n, Jobs.TokenLinks.Page, n > 0);
    }

    /// <summary>
    /// Rounds with a checkpoint of their plan neither scanned nor excused: the plan frozen on the round when its route was edited
    /// while it was walked (<see cref="PatrolRound.Plan"/>), else its route's checkpoints now. Read in SQL (the frozen plan is jsonb),
    /// under the rounds' scope filters.
    /// </summary>
    public static IQueryable<PatrolRound> Unfinished(WuyeDb db, IQueryable<PatrolRound> rounds)
    {
        var unfinished = db.Set<PatrolRound>()
            .FromSql(
                $"""
                SELECT r.* FROM security.patrol_round r
                 WHERE EXISTS (
                       SELECT 1 FROM (
                              SELECT c.id FROM security.patrol_checkpoint c
                               WHERE r.plan IS NULL AND c.patrol_route_id = r.patrol_route_id
                              UNION ALL
                              SELECT (p ->> 'checkpointId')::uuid FROM jsonb_array_elements(r.plan) p
                       ) AS point (id)
                        WHERE NOT EXISTS (SELECT 1 FROM security.patrol_scan s
                                           WHERE s.patrol_round_id = r.id AND s.patrol_checkpoint_id = point.id)
                          AND NOT EXISTS (SELECT 1 FROM security.patrol_excuse e
                                           WHERE e.patrol_round_id = r.id AND e.patrol_checkpoint_id = point.id))
                """
            );
        return rounds.Where(r => unfinished.Any(u => u.Id == r.Id));
    }

    /// <summary>Rounds closed in the last 7 days with a missed point not excused;
    /// roll-calls waiting; safety tips to acknowledge (guard) or left unacknowledged today (center);
    /// hidden tokens to find (guard) or not found (manager).</summary>
    public static IQueryable<PatrolRound> MissedRecently(WuyeDb db, DateTimeOffset now)
    {
        var since = now.AddDays(-7);
        return Unfinished(db, db.Set<PatrolRound>().Where(r => r.EndsAt <= now && r.EndsAt > since));
    }
}
