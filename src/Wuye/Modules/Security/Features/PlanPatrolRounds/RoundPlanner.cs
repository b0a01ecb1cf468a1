using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.PlanPatrolRounds;

/// <summary>
/// Generates the rounds of every active route from its plan, for today and the next days (<see cref="SecurityOptions.PlanDaysAhead"/>),
/// never twice (the unique key on route and start stops a second instance too), and never a window that began before the route
/// existed. Each round carries the guard on duty on the project's patrol post when it starts (<see cref="PostGuards"/>: the
/// staff duty roster where it has rostered the post for that hour, else the rota), read when it is planned and again in the
/// hour before it starts (a roster made or changed later still reaches the round).
/// </summary>
internal sealed class RoundPlanner(WuyeDb db, TimeProvider clock, IOptions<SecurityOptions> options, PostGuards guards)
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
        var added = new List<PatrolRound>();
        foreach (var route in routes)
        {
            var since = route.CreatedAt == default ? now : route.CreatedAt;
            for (var d = 0; d < options.Value.PlanDaysAhead; d++)
                foreach (var (starts, ends) in route.WindowsOn(today.AddDays(d)))
                {
                    if (starts < since.AddMinutes(-1) || existing.Contains((route.Id, starts)))
                        continue;
                    var round = PatrolRound.For(route, starts, ends);
                    db.Add(round);
                    added.Add(round);
                }
        }
        var soon = now.AddHours(1);
        var due = await db.Set<PatrolRound>()
            .Where(r => ids.Contains(r.PatrolRouteId) && r.StartsAt > now && r.StartsAt <= soon)
            .OrderBy(r => r.StartsAt)
            .ThenBy(r => r.Id)
            .Take(500)
            .ToListAsync(ct);
        var changed = await AssignDutyAsync([.. added, .. due], ct);
        if (added.Count == 0 && changed == 0)
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
        return added.Count;
    }

    /// <summary>
    /// Puts on each round the first guard (one with an account first) on the project's first patrol post (by name) staffed when it
    /// starts; returns how many rounds changed.
    /// </summary>
    private async Task<int> AssignDutyAsync(IReadOnlyList<PatrolRound> rounds, CancellationToken ct)
    {
        if (rounds.Count == 0)
            return 0;
        var projectIds = rounds.Select(r => r.ProjectId).Distinct().ToList();
        var posts = (
            await db.Set<SecurityPost>()
                .AsNoTracking()
                .Where(p => projectIds.Contains(p.ProjectId) && p.Kind == PostKind.Patrol && p.ArchivedAt == null)
                .OrderBy(p => p.Name)
                .ThenBy(p => p.Id)
                .Select(p => new { p.Id, p.ProjectId })
                .ToListAsync(ct)
        ).ToLookup(p => p.ProjectId, p => p.Id);
        var changed = 0;
        foreach (var group in rounds.Where(r => posts[r.ProjectId].Any()).GroupBy(r => (r.ProjectId, r.StartsAt)))
        {
            var on = await guards.AtAsync(group.Key.ProjectId, group.Key.StartsAt, ct);
            var guard = posts[group.Key.ProjectId].Select(p => on[p].FirstOrDefault()).FirstOrDefault(g => g is not null);
            foreach (var round in group)
                if (round.AssignDuty(guard?.UserId, guard?.Name))
                    changed++;
        }
        return changed;
    }
}
