using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.ListTrainings;

/// <summary>GET /trainings (newest first, with attendance and results) and GET /trainings/{id}.</summary>
internal static class ListTrainingsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/trainings").WithTags("Staff");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    EnumQuery<TrainingTopic>? topic,
                    bool? awaitingResults,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = TrainingViews.Visible(db);
                    if (projectId is { } p)
                        q = q.Where(t => t.ProjectId == p);
                    if (topic?.Value is { } tp)
                        q = q.Where(t => t.Topic == tp);
                    if (awaitingResults == true)
                    {
                        var lines = db.Set<TrainingAttendance>();
                        q = q.Where(t => lines.Any(a => a.SessionId == t.Id && a.Attended == null));
                    }
                    var paged = await q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<TrainingDto>(
                            await TrainingViews.ToDtosAsync(db, paged.Items, ct),
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Holders])
            .WithSummary("Training sessions, newest first, with attendance and results (front-line staff: their own)");

        g.MapGet("/{id:guid}", async Task<Results<Ok<TrainingDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await TrainingViews.Visible(db).FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
                    ? TypedResults.Ok((await TrainingViews.ToDtosAsync(db, [t], ct))[0])
                    : TypedResults.NotFound()
            )
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Holders])
            .WithSummary("One training session with its trainees");
    }
}
