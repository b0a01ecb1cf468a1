using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ListWorkOrders;

internal static class ListWorkOrdersEndpoint
{
    public static void Map(RouteGroupBuilder orders)
    {
        orders
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    EnumQuery<WorkOrderStatus>? status,
                    bool? open,
                    bool? mine,
                    Guid? projectId,
                    Guid? assigneeUserId,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var query = db.Set<WorkOrder>().AsNoTracking();
                    if (status?.Value is { } s)
                        query = query.Where(w => w.Status == s);
                    if (open == true)
                        query = query.Where(w => WorkOrder.OpenStatuses.Contains(w.Status));
                    if (mine == true)
                    {
                        var me = db.Scope.UserId;
                        query = query.Where(w => w.AssigneeUserId == me);
                    }
                    if (projectId is { } p)
                        query = query.Where(w => w.ProjectId == p);
                    if (assigneeUserId is { } a)
                        query = query.Where(w => w.AssigneeUserId == a);
                    return TypedResults.Ok(
                        await WorkOrderQueries
                            .Orders(db, query.OrderBy(w => w.CompletionDueAt ?? w.ClockStartedAt).ThenBy(w => w.Id))
                            .ToPagedOneTripAsync(page, pageSize, ct)
                    );
                }
            )
            .WithSummary("Work orders the user may see, most urgent first");

        orders
            .MapGet("/{id:guid}", async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await WorkOrderQueries.OrderResultAsync(db, id, ct)
            )
            .WithSummary("One work order with its clocks");
    }
}
