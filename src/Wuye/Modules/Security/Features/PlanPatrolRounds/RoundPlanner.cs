using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.PlanPatrolRounds;

/// <summary>
/// Generates the rounds of every active route from its plan, for today and the next days (<see cref="SecurityOptions.PlanDaysAhead"/>),
/// never twice (the unique key on route and start stops a second instance too), and never a window that began before the route
/// existed.
/// </summary>
internal sealed class RoundPlanner(WuyeDb db, TimeProvider clock, IOptions<SecurityOptions> options)
{
    public async Task<int> PlanAsync(Guid? routeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var routes = await db.Set<PatrolRoute>()
            .Where(r => r.ArchivedAt == null && (routeId == null || r.Id == routeId))
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        if (routes.Count == 0)
            return 0;
        var ids = routes.Select(r => r.Id).ToList();
        var from = ChinaTime.StartOf(today).ToUniversalTime();
        var existing = (
            await db.Set<PatrolRound>()
                .AsNoTracking()
                .Where(r => ids.Contains(r.PatrolRouteId) && r.StartsAt >= from)
                .Select(r => new { r.PatrolRouteId, r.StartsAt })
                .ToListAsync(ct)
        )
            .Select(r => (r.PatrolRouteId, r.StartsAt.ToUniversalTime()))
            .ToHashSet();
        var added = 0;
        foreach (var route in routes)
        {
            var since = route.CreatedAt == default ? now : route.CreatedAt;
            for (var d = 0; d < options.Value.PlanDaysAhead; d++)
                foreach (var (starts, ends) in route.WindowsOn(today.AddDays(d)))
                {
                    if (starts < since.AddMinutes(-1) || existing.Contains((route.Id, starts)))
                        continue;
                    db.Add(PatrolRound.For(route, starts, ends));
                    added++;
                }
        }
        if (added == 0)
            return 0;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance planned the same rounds first.
            db.ChangeTracker.Clear();
            return 0;
        }
        return added;
    }
}
