using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnvironmentTasks;

/// <summary>/api/v1/environment-zones, /environment-schedules and /environment-tasks (cleaning and greening).</summary>
internal static class EnvironmentEndpoints
{
    /// <summary>Tasks of a day (or all days), a zone, a status, or one person's (theirs and nobody's), in the order of the day.</summary>
    public static IQueryable<EnvironmentTask> Query(
        WuyeDb db,
        Guid? projectId,
        Guid? environmentZoneId,
        DateOnly? dueOn,
        EnvironmentTaskStatus? status,
        Guid? assigneeUserId
    ) =>
        db.Set<EnvironmentTask>()
            .Where(t =>
                (projectId == null || t.ProjectId == projectId)
                && (environmentZoneId == null || t.EnvironmentZoneId == environmentZoneId)
                && (dueOn == null || t.DueOn == dueOn)
                && (status == null || t.Status == status)
                && (assigneeUserId == null || t.AssigneeUserId == assigneeUserId || t.AssigneeUserId == null)
            )
            .OrderByDescending(t => t.DueOn)
            .ThenBy(t => t.Status)
            .ThenBy(t => t.ZoneName)
            .ThenBy(t => t.Name)
            .ThenBy(t => t.Round)
            .ThenBy(t => t.Id);

    public static void Map(RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/environment-zones").WithTags("Facilities");
        zones
            .MapGet("/", async (EnvironmentService service, WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(
                    await service.ZonesAsync(
                        db.Set<EnvironmentZone>()
                            .Where(z => z.ArchivedAt == null && (projectId == null || z.ProjectId == projectId))
                            .OrderBy(z => z.Name)
                            .ThenBy(z => z.Id)
                            .Take(500),
                        ct
                    )
                )
            )
            .RequireRoles(FacilitiesRoles.EnvironmentReaders)
            .WithSummary("Cleaning and greening responsibility zones with their team (own or a vendor's) and responsible person");
        zones
            .MapPost(
                "/",
                async Task<Created<EnvironmentZoneDto>> (EnvironmentService service, EnvironmentZoneInput body, CancellationToken ct) =>
                {
                    var zone = await service.CreateZoneAsync(body, ct);
                    return TypedResults.Created($"/api/v1/environment-zones/{zone.Id}", zone);
                }
            )
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Add a responsibility zone (its tasks go to the named person, else the team leader's account)");

        var schedules = api.MapGroup("/environment-schedules").WithTags("Facilities");
        schedules
            .MapGet("/", async (WuyeDb db, Guid? projectId, Guid? environmentZoneId, CancellationToken ct) =>
                TypedResults.Ok(
                    (
                        await db.Set<EnvironmentSchedule>()
                            .AsNoTracking()
                            .Where(s =>
                                s.ArchivedAt == null
                                && (projectId == null || s.ProjectId == projectId)
                                && (environmentZoneId == null || s.EnvironmentZoneId == environmentZoneId)
                            )
                            .OrderBy(s => s.Name)
                            .ThenBy(s => s.Id)
                            .Take(500)
                            .ToListAsync(ct)
                    ).Select(EnvironmentService.ToDto)
                )
            )
            .RequireRoles(FacilitiesRoles.EnvironmentReaders)
            .WithSummary("Cleaning and greening schedules (RRULE, rounds a day)");
        schedules
            .MapPost(
                "/",
                async Task<Created<EnvironmentScheduleDto>> (
                    EnvironmentService service,
                    EnvironmentScheduleInput body,
                    CancellationToken ct
                ) =>
                {
                    var s = await service.CreateScheduleAsync(body, ct);
                    return TypedResults.Created($"/api/v1/environment-schedules/{s.Id}", s);
                }
            )
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Add a schedule to a zone (iCalendar RRULE, 1–4 rounds a day); today's tasks are generated at once");

        var tasks = api.MapGroup("/environment-tasks").WithTags("Facilities");
        tasks
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    Guid? environmentZoneId,
                    DateOnly? dueOn,
                    EnvironmentTaskStatus? status,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var paged = await Query(db, projectId, environmentZoneId, dueOn, status, null)
                        .AsNoTracking()
                        .ToPagedAsync(page, pageSize, ct);
                    var today = ChinaTime.Today(clock);
                    return TypedResults.Ok(
                        new Paged<EnvironmentTaskDto>(
                            [.. paged.Items.Select(t => EnvironmentService.ToDto(t, today))],
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .RequireRoles(FacilitiesRoles.EnvironmentReaders)
            .WithSummary("Cleaning and greening tasks, latest day first (a day, a zone, a status)");
        tasks
            .MapGet("/{id:guid}", async (EnvironmentService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.TaskAsync(id, ct))
            )
            .RequireRoles(FacilitiesRoles.EnvironmentReaders)
            .WithSummary("One cleaning or greening task with its photo and spot check");
        tasks
            .MapPost("/{id:guid}/done", async (EnvironmentService service, Guid id, EnvironmentDoneInput body, CancellationToken ct) =>
                TypedResults.Ok(await service.CompleteAsync(id, body, ct))
            )
            .RequireRoles(FacilitiesRoles.EnvironmentWorkers)
            .WithSummary("Mark a task done (a photo from POST /api/v1/files when the schedule asks for one)");
        tasks
            .MapPost("/{id:guid}/spot-check", async (EnvironmentService service, Guid id, SpotCheckInput body, CancellationToken ct) =>
                TypedResults.Ok(await service.SpotCheckAsync(id, body, ct))
            )
            .RequireRoles(FacilitiesRoles.EnvironmentSupervisors)
            .WithSummary("Spot-check done work once (a failed check says why or links a QPI deduction finding)");
    }
}
