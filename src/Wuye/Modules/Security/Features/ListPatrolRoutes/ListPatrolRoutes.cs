using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ListPatrolRoutes;

internal sealed record CheckpointDto(
    Guid Id,
    int Position,
    string Name,
    int DueMinute,
    int ToleranceMinutes,
    double? Latitude,
    double? Longitude,
    int RadiusMeters
);

internal sealed record RouteDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    string Name,
    IReadOnlyList<string> StartTimes,
    int DurationMinutes,
    IReadOnlyList<CheckpointDto> Checkpoints
)
{
    /// <summary>Points planned without a position: where they are scanned cannot be checked (a setup issue for the supervisor).</summary>
    public int PointsWithoutPosition => Checkpoints.Count(c => c.Latitude is null || c.Longitude is null);
}

/// <summary>One printed label: the point, its signed QR payload and the short code printed under it for typing.</summary>
internal sealed record LabelDto(Guid CheckpointId, int Position, string Name, string Code, string Payload);

/// <summary>Routes as the pages and the API show them.</summary>
internal sealed class RouteReads(WuyeDb db, CheckpointLabels labels)
{
    public async Task<List<RouteDto>> ListAsync(IQueryable<PatrolRoute> routes, CancellationToken ct)
    {
        var rows = await (
            from r in routes
            join p in db.ProjectRefs() on r.ProjectId equals p.Id
            select new { Route = r, Project = p.Name }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Route.Id).ToList();
        var points = (
            await db.Set<PatrolCheckpoint>()
                .AsNoTracking()
                .Where(c => ids.Contains(c.PatrolRouteId))
                .OrderBy(c => c.Position)
                .ToListAsync(ct)
        ).ToLookup(c => c.PatrolRouteId);
        return
        [
            .. rows.Select(x => new RouteDto(
                x.Route.Id,
                x.Route.ProjectId,
                x.Project,
                x.Route.Name,
                [.. x.Route.Starts().Select(t => t.ToString("HH:mm"))],
                x.Route.DurationMinutes,
                [
                    .. points[x.Route.Id]
                        .Select(c => new CheckpointDto(
                            c.Id,
                            c.Position,
                            c.Name,
                            c.DueMinute,
                            c.ToleranceMinutes,
                            c.Latitude,
                            c.Longitude,
                            c.RadiusMeters
                        )),
                ]
            )),
        ];
    }

    public async Task<RouteDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<PatrolRoute>().AsNoTracking().Where(r => r.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("patrol route");

    public async Task<List<LabelDto>> LabelsAsync(Guid routeId, CancellationToken ct)
    {
        var route = await db.Set<PatrolRoute>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == routeId, ct)
            ?? throw new NotFoundException("patrol route");
        var points = await db.Set<PatrolCheckpoint>()
            .AsNoTracking()
            .Where(c => c.PatrolRouteId == routeId)
            .OrderBy(c => c.Position)
            .ToListAsync(ct);
        return [.. points.Select(c => new LabelDto(c.Id, c.Position, c.Name, c.Code, labels.Payload(route.ProjectId, c.Id)))];
    }
}

/// <summary>The routes of the projects the reader may see; the printable labels for the supervisor.</summary>
internal static class ListPatrolRoutesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/patrol-routes").WithTags("Security");
        g.MapGet("/", async (RouteReads reads, WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(
                    await reads.ListAsync(
                        db.Set<PatrolRoute>()
                            .AsNoTracking()
                            .Where(r => r.ArchivedAt == null && (projectId == null || r.ProjectId == projectId))
                            .OrderBy(r => r.Name)
                            .ThenBy(r => r.Id)
                            .Take(200),
                        ct
                    )
                )
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("Patrol routes with their checkpoints");
        g.MapGet("/{id:guid}", async (RouteReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One patrol route with its checkpoints");
        g.MapGet("/{id:guid}/labels", async (RouteReads reads, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await reads.LabelsAsync(id, ct))
            )
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("The route's checkpoint labels to print: signed QR payload and typed code");
    }
}
