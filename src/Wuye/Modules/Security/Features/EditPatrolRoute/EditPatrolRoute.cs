using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ListPatrolRoutes;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.EditPatrolRoute;

/// <summary>A checkpoint as edited: <paramref name="Id"/> of a point of the route, or null for a new one.</summary>
internal sealed record EditCheckpointInput(
    Guid? Id,
    string? Name,
    int? DueMinute,
    int? ToleranceMinutes,
    double? Latitude,
    double? Longitude,
    int? RadiusMeters
);

/// <summary>The route's checkpoints in their new order; a point of the route left out is removed (only when never scanned).</summary>
internal sealed record EditRouteInput(List<EditCheckpointInput>? Checkpoints) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Checkpoints is null || Checkpoints.Count == 0)
            v.Add("checkpoints", "路线至少要有一个巡更点", "A route needs at least one checkpoint");
        else
            for (var i = 0; i < Checkpoints.Count; i++)
            {
                var c = Checkpoints[i];
                if (c is null)
                {
                    v.Add($"checkpoints[{i}]", "巡更点不能为空", "A checkpoint is missing");
                    continue;
                }
                v.Required($"checkpoints[{i}].name", c.Name, "巡更点名称", "Checkpoint name")
                    .MaxLength($"checkpoints[{i}].name", c.Name, 100, "巡更点名称", "Checkpoint name")
                    .Required($"checkpoints[{i}].dueMinute", c.DueMinute, "到点时间（分钟）", "Due minute");
            }
    }
}

/// <summary>
/// The supervisor edits a route's checkpoints: order, window (due minute ± tolerance), position and radius, names; new points are
/// added (with fresh typed codes), points never scanned may be removed. The rounds already started (walked or open) keep the plan
/// they were walked under: it is frozen on each of them first (<see cref="PatrolRound.Plan"/>), so their conformance does not change;
/// rounds not started yet, and rounds generated afterwards, follow the edited route. A point keeps its id, so its printed QR label
/// stays valid.
/// </summary>
internal sealed class EditPatrolRouteHandler(WuyeDb db, RouteReads reads, TimeProvider clock)
{
    public async Task<RouteDto> EditAsync(Guid routeId, EditRouteInput input, CancellationToken ct)
    {
        var route = await db.Set<PatrolRoute>().FirstOrDefaultAsync(r => r.Id == routeId, ct)
            ?? throw new NotFoundException("patrol route");
        if (!SecurityRoles.MaySuperviseAt(db.Scope, route.CompanyId, route.ProjectId))
            throw new ForbiddenException("只有本项目的主管可以修改路线", "Only the project's supervisor edits its routes");
        var existing = await db.Set<PatrolCheckpoint>()
            .Where(c => c.PatrolRouteId == routeId)
            .OrderBy(c => c.Position)
            .ThenBy(c => c.Id)
            .ToListAsync(ct);
        var byId = existing.ToDictionary(c => c.Id);
        var wanted = input.Checkpoints!;
        var v = new Validator();
        for (var i = 0; i < wanted.Count; i++)
            if (wanted[i].Id is { } id && !byId.ContainsKey(id))
                v.Add($"checkpoints[{i}].id", "该巡更点不在这条路线上", "The checkpoint is not on this route");
        if (wanted.Where(c => c.Id is not null).GroupBy(c => c.Id).Any(g => g.Count() > 1))
            v.Add("checkpoints", "同一巡更点不能出现两次", "A checkpoint appears twice");
        v.ThrowIfAny();
        // Check the whole new plan before anything is written: each point's window, position and radius, then the order.
        var codes = (
            await db.Set<PatrolCheckpoint>().Where(c => c.ProjectId == route.ProjectId).Select(c => c.Code).ToListAsync(ct)
        ).ToHashSet();
        var planned = wanted
            .Select(
                (c, i) =>
                {
                    var old = c.Id is { } id ? byId[id] : null;
                    string code;
                    if (old is not null)
                        code = old.Code;
                    else
                        do code = PatrolCheckpoint.NewCode(Random.Shared);
                        while (!codes.Add(code));
                    return (
                        Old: old,
                        New: route.AddCheckpoint(
                            i + 1,
                            c.Name!,
                            c.DueMinute!.Value,
                            c.ToleranceMinutes ?? old?.ToleranceMinutes ?? 10,
                            c.Latitude,
                            c.Longitude,
                            c.RadiusMeters ?? old?.RadiusMeters ?? 50,
                            code,
                            $"checkpoints[{i}]"
                        )
                    );
                }
            )
            .ToList();
        PatrolRoute.CheckOrder([.. planned.Select(p => p.New)]);
        var kept = planned.Where(p => p.Old is not null).Select(p => p.Old!.Id).ToHashSet();
        var removed = existing.Where(c => !kept.Contains(c.Id)).ToList();
        if (removed.Count > 0)
        {
            var ids = removed.Select(c => c.Id).ToList();
            var used = await db.Set<PatrolScan>()
                .Where(s => ids.Contains(s.PatrolCheckpointId))
                .Select(s => s.PatrolCheckpointId)
                .Union(db.Set<PatrolExcuse>().Where(e => ids.Contains(e.PatrolCheckpointId)).Select(e => e.PatrolCheckpointId))
                .ToListAsync(ct);
            if (used.Count > 0)
                throw new RuleException(
                    "patrol_route.point_in_use",
                    $"巡更点“{string.Join("、", removed.Where(c => used.Contains(c.Id)).Select(c => c.Name))}”已有打卡记录，不能删除",
                    $"Checkpoint(s) {string.Join(", ", removed.Where(c => used.Contains(c.Id)).Select(c => c.Name))} were scanned: they "
                        + "cannot be removed"
                );
        }
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The rounds already started (walked or open) keep the plan they were walked under: frozen on each one not frozen yet, before
        // the points change. Rounds not started yet follow the edited route, as rounds generated afterwards do: a point removed now is
        // no miss on them (and a plan an earlier edit froze on one is dropped).
        var now = clock.GetUtcNow();
        var frozen = PatrolRound.FreezePlan(
            existing.Select(c => new PlannedPoint(
                c.Id,
                c.Position,
                c.Name,
                c.DueMinute,
                c.ToleranceMinutes,
                c.Latitude,
                c.Longitude,
                c.RadiusMeters
            ))
        );
        await db.Set<PatrolRound>()
            .Where(r => r.PatrolRouteId == routeId && r.Plan == null && r.StartsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Plan, frozen), ct);
        await db.Set<PatrolRound>()
            .Where(r => r.PatrolRouteId == routeId && r.Plan != null && r.StartsAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Plan, (string?)null), ct);
        // Positions are unique per route: move the kept points out of the way first, then give each its new place.
        foreach (var (c, i) in existing.Select((c, i) => (c, i)))
            c.Position = -1 - i;
        db.RemoveRange(removed);
        await db.SaveChangesAsync(ct);
        foreach (var (old, n) in planned)
        {
            if (old is null)
            {
                db.Add(n);
                continue;
            }
            old.Position = n.Position;
            old.Name = n.Name;
            old.DueMinute = n.DueMinute;
            old.ToleranceMinutes = n.ToleranceMinutes;
            old.Latitude = n.Latitude;
            old.Longitude = n.Longitude;
            old.RadiusMeters = n.RadiusMeters;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return await reads.OneAsync(routeId, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPut(
                "/patrol-routes/{id:guid}/checkpoints",
                async (EditPatrolRouteHandler h, Guid id, EditRouteInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.EditAsync(id, body, ct))
            )
            .WithTags("Security")
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary(
                "Edit a route's checkpoints in their new order {checkpoints: [{id? (null: a new point), name, dueMinute, "
                    + "toleranceMinutes?, latitude?, longitude?, radiusMeters?}]}; a point left out is removed (409 "
                    + "patrol_route.point_in_use when it was scanned). Rounds already started keep their plan; rounds not started follow "
                    + "the edit"
            );
    }
}
