using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ListServiceRequests;

internal static class ListServiceRequestsEndpoint
{
    public static void Map(RouteGroupBuilder requests) =>
        requests
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    EnumQuery<RequestStatus>? status,
                    Guid? projectId,
                    Guid? unitId,
                    string? q,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var query = db.Set<ServiceRequest>().AsNoTracking();
                    if (status?.Value is { } s)
                        query = query.Where(r => r.Status == s);
                    if (projectId is { } p)
                        query = query.Where(r => r.ProjectId == p);
                    if (unitId is { } u)
                        query = query.Where(r => r.UnitId == u);
                    if (!string.IsNullOrWhiteSpace(q))
                        query = query.Where(r => r.Number.Contains(q.Trim()) || r.Description.Contains(q.Trim()));
                    // One round trip: the page and the count together.
                    return TypedResults.Ok(
                        await WorkOrderQueries
                            .Requests(db, query.OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id))
                            .ToPagedOneTripAsync(page, pageSize, ct)
                    );
                }
            )
            .WithSummary("Service requests the user may see, newest first");
}
