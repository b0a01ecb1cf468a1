using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ListPatrolRoutes;
using Wuye.Modules.Security.Features.PlanPatrolRounds;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.CreatePatrolRoute;

internal sealed record CheckpointInput(
    string? Name,
    int? DueMinute,
    int? ToleranceMinutes,
    double? Latitude,
    double? Longitude,
    int? RadiusMeters
);

internal sealed record PatrolRouteInput(
    Guid? ProjectId,
    string? Name,
    List<string>? StartTimes,
    int? DurationMinutes,
    List<CheckpointInput>? Checkpoints
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "路线名称", "Route name")
            .MaxLength("name", Name, 100, "路线名称", "Route name")
            .Required("durationMinutes", DurationMinutes, "每轮时长", "Duration");
        if (StartTimes is null || StartTimes.Count == 0)
            v.Add("startTimes", "请至少填写一个巡逻开始时间", "At least one start time is required");
        else
            for (var i = 0; i < StartTimes.Count; i++)
                if (!TimeOnly.TryParseExact(StartTimes[i], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    v.Add($"startTimes[{i}]", "时间格式应为 HH:mm，如 22:00", "Use HH:mm, e.g. 22:00");
        if (Checkpoints is null || Checkpoints.Count == 0)
            v.Add("checkpoints", "路线至少要有一个巡更点", "A route needs at least one checkpoint");
        else
            for (var i = 0; i < Checkpoints.Count; i++)
            {
                var c = Checkpoints[i];
                v.Required($"checkpoints[{i}].name", c.Name, "巡更点名称", "Checkpoint name")
                    .MaxLength($"checkpoints[{i}].name", c.Name, 100, "巡更点名称", "Checkpoint name")
                    .Required($"checkpoints[{i}].dueMinute", c.DueMinute, "到点时间（分钟）", "Due minute");
            }
    }

    public List<TimeOnly> Times() => [.. StartTimes!.Select(t => TimeOnly.ParseExact(t, "HH:mm", CultureInfo.InvariantCulture))];
}

/// <summary>A patrol route with its ordered checkpoints; its rounds are planned at once.</summary>
internal static class CreatePatrolRouteEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/patrol-routes",
                async Task<Created<RouteDto>> (
                    WuyeDb db,
                    RoundPlanner planner,
                    RouteReads reads,
                    PatrolRouteInput body,
                    CancellationToken ct
                ) =>
                {
                    var project = await db.ProjectRefs()
                        .AsNoTracking()
                        .FirstOrDefaultAsync(p => p.Id == body.ProjectId && p.ArchivedAt == null, ct)
                        ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
                    if (await db.Set<PatrolRoute>().AnyAsync(r => r.ProjectId == project.Id && r.Name == body.Name!.Trim(), ct))
                        throw new RuleException(
                            "patrol_route.duplicate_name",
                            $"该项目已有路线“{body.Name!.Trim()}”",
                            $"The project already has a route \"{body.Name!.Trim()}\""
                        );
                    var route = PatrolRoute.Create(project.CompanyId, project.Id, body.Name!, body.Times(), body.DurationMinutes!.Value);
                    var used = await db.Set<PatrolCheckpoint>().Where(c => c.ProjectId == project.Id).Select(c => c.Code).ToListAsync(ct);
                    var codes = used.ToHashSet();
                    var rng = Random.Shared;
                    var points = body.Checkpoints!.Select(
                            (c, i) =>
                            {
                                string code;
                                do code = PatrolCheckpoint.NewCode(rng);
                                while (!codes.Add(code));
                                return route.AddCheckpoint(
                                    i + 1,
                                    c.Name!,
                                    c.DueMinute!.Value,
                                    c.ToleranceMinutes ?? 10,
                                    c.Latitude,
                                    c.Longitude,
                                    c.RadiusMeters ?? 50,
                                    code,
                                    $"checkpoints[{i}]"
                                );
                            }
                        )
                        .ToList();
                    PatrolRoute.CheckOrder(points);
                    db.Add(route);
                    db.AddRange(points);
                    await db.SaveChangesAsync(ct);
                    await planner.PlanAsync(route.Id, ct);
                    return TypedResults.Created($"/api/v1/patrol-routes/{route.Id}", await reads.OneAsync(route.Id, ct));
                }
            )
            .WithTags("Security")
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Create a patrol route with its ordered checkpoints; its rounds are planned at once");
    }
}
