using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ListMaintenanceTasks;

/// <summary>Maintenance tasks of the reader's projects (open ones by due date, or done ones, latest first); one task with its
/// checklist and results.</summary>
internal static class ListMaintenanceTasksEndpoints
{
    /// <summary>The tasks a list shows: open (due first) or done (latest first), optionally one project's, or one person's.</summary>
    public static IQueryable<MaintenanceTask> Query(WuyeDb db, Guid? projectId, MaintenanceTaskStatus? status, Guid? assigneeUserId)
    {
        var q = db.Set<MaintenanceTask>()
            .Where(t =>
                (projectId == null || t.ProjectId == projectId)
                && (assigneeUserId == null || t.AssigneeUserId == assigneeUserId || t.AssigneeUserId == null)
            );
        return status == MaintenanceTaskStatus.Done
            ? q.Where(t => t.Status == MaintenanceTaskStatus.Done).OrderByDescending(t => t.DoneAt).ThenBy(t => t.Id)
            : q.Where(t => t.Status == MaintenanceTaskStatus.Open).OrderBy(t => t.DueOn).ThenBy(t => t.AssetName).ThenBy(t => t.Id);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/maintenance-tasks").WithTags("Facilities");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    FacilitiesViews views,
                    Guid? projectId,
                    MaintenanceTaskStatus? status,
                    Guid? maintenancePlanId,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = Query(db, projectId, status, null)
                        .Where(t => maintenancePlanId == null || t.MaintenancePlanId == maintenancePlanId);
                    var paged = await q.ToPagedAsync(page, pageSize, ct);
                    var items = await views.TasksAsync(paged.Items, false, ct);
                    return TypedResults.Ok(new Paged<TaskDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Maintenance tasks: open ones by due date, or done ones latest first");
        g.MapGet("/{id:guid}", async (FacilitiesViews views, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await views.TaskAsync(id, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("One maintenance task with its checklist and, once done, its results");
    }
}
