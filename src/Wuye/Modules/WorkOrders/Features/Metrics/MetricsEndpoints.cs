using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Metrics;

internal static class MetricsEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet(
                "/work-order-metrics",
                async (
                    WorkOrderMetrics metrics,
                    DateOnly? from,
                    DateOnly? to,
                    EnumQuery<MetricsGroup>? groupBy,
                    Guid? companyId,
                    Guid? projectId,
                    Guid? zoneId,
                    EnumQuery<RequestCategory>? category,
                    Guid? technicianUserId,
                    CancellationToken ct
                ) =>
                    TypedResults.Ok(
                        await metrics.ComputeAsync(
                            new MetricsQuery(from, to, groupBy?.Value, companyId, projectId, zoneId, category?.Value, technicianUserId),
                            ct
                        )
                    )
            )
            .WithTags("Work-order metrics")
            .WithSummary(
                "Closure, on-time, response/arrival, return-visit, satisfaction, first-time-fix and rework rates, median and p90 hours "
                    + "to close"
            );
}
