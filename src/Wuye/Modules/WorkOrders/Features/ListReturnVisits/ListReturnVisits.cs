using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ListReturnVisits;

internal static class ListReturnVisitsEndpoint
{
    public static void Map(RouteGroupBuilder visits) =>
        visits
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    EnumQuery<ReturnVisitStatus>? status,
                    Guid? projectId,
                    bool? overdue,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var now = clock.GetUtcNow();
                    var q = db.Set<ReturnVisit>().AsNoTracking();
                    if (status?.Value is { } s)
                        q = q.Where(v => v.Status == s);
                    if (projectId is { } p)
                        q = q.Where(v => v.ProjectId == p);
                    if (overdue == true)
                        q = q.Where(v => v.Status == ReturnVisitStatus.Pending && v.DueAt < now);
                    return TypedResults.Ok(
                        await WorkOrderQueries
                            .Visits(
                                db,
                                q.OrderBy(v => v.Status == ReturnVisitStatus.Pending ? 0 : 1).ThenBy(v => v.DueAt).ThenBy(v => v.Id),
                                now
                            )
                            .ToPagedAsync(page, pageSize, ct)
                    );
                }
            )
            .WithSummary("Return-visit tasks: pending ones first, by due time (one working day after completion)");
}
