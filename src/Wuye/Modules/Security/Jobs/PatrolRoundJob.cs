using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.PlanPatrolRounds;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// Plans the coming rounds of every route (never twice), then looks at each round whose window has closed and not yet been looked
/// at: a round with missed points alerts the project's managers and the monitoring center in-app (and on their other channels),
/// once (the round's <see cref="PatrolRound.AlertedAt"/> and the outbox key both say so).
/// </summary>
internal sealed class PatrolRoundJob(IServiceScopeFactory scopes, ILogger<PatrolRoundJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    public static string Key(Guid roundId) => $"patrol-missed:{roundId:N}";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var acted = await services.GetRequiredService<RoundPlanner>().PlanAsync(null, ct);
        var notifier = services.GetRequiredService<Notifier>();
        var speed = services.GetRequiredService<IOptions<SecurityOptions>>().Value.MaxWalkingSpeed;
        var now = clock.GetUtcNow();
        var closed = await db.Set<PatrolRound>()
            .Where(r => r.AlertedAt == null && r.EndsAt <= now)
            .OrderBy(r => r.EndsAt)
            .ThenBy(r => r.Id)
            .Take(Batch)
            .ToListAsync(ct);
        if (closed.Count == 0)
            return acted;
        var ids = closed.Select(r => r.Id).ToList();
        var routeIds = closed.Select(r => r.PatrolRouteId).Distinct().ToList();
        var points = (
            await db.Set<PatrolCheckpoint>().AsNoTracking().Where(c => routeIds.Contains(c.PatrolRouteId)).ToListAsync(ct)
        ).ToLookup(c => c.PatrolRouteId);
        var routes = await db.Set<PatrolRoute>().AsNoTracking().Where(r => routeIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var scans = (
            await db.Set<PatrolScan>()
                .AsNoTracking()
                .Where(s => ids.Contains(s.PatrolRoundId))
                .Select(s => new
                {
                    s.PatrolRoundId,
                    s.PatrolCheckpointId,
                    s.ScannedAt,
                    s.Latitude,
                    s.Longitude,
                    s.Typed,
                })
                .ToListAsync(ct)
        ).ToLookup(s => s.PatrolRoundId, s => new ScanFact(s.PatrolCheckpointId, s.ScannedAt, s.Latitude, s.Longitude, s.Typed));
        var projectIds = closed.Select(r => r.ProjectId).Distinct().ToList();
        var projects = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        foreach (var round in closed)
        {
            var c = RoundViews.Evaluate(round, points[round.PatrolRouteId], [.. scans[round.Id]], new HashSet<Guid>(), now, speed);
            round.AlertedAt = now;
            if (c.Missed > 0)
            {
                var to = await db
                    .RoleAssignments.AsNoTracking()
                    .Where(a => a.ProjectId == round.ProjectId && SecurityRoles.Alerted.Contains(a.Role))
                    .Select(a => a.UserId)
                    .Distinct()
                    .ToListAsync(ct);
                var missed = string.Join("、", c.Points.Where(p => p.State == PointState.Missed).Select(p => p.Name));
                var route = routes.TryGetValue(round.PatrolRouteId, out var r) ? r.Name : "";
                await notifier.NotifyAsync(
                    to,
                    round.CompanyId,
                    $"漏巡：{route} {ChinaTime.ToChina(round.StartsAt):MM-dd HH:mm}",
                    $"{projects.GetValueOrDefault(round.ProjectId)}：{route}本轮漏巡 {c.Missed} 个巡更点（{missed}）。请核实，必要时注明免责原因。",
                    $"/security/patrol/{round.Id}",
                    Key(round.Id),
                    ct
                );
            }
            try
            {
                await db.SaveChangesAsync(ct);
                acted++;
            }
            catch (DbUpdateException)
            {
                // Another instance looked at this round first (its version or the outbox key says so).
                db.ChangeTracker.Clear();
                return acted;
            }
        }
        return acted;
    }
}
