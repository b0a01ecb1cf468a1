using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.RecordReturnVisit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.RateServiceRequest;

internal static class RateServiceRequestEndpoint
{
    public static void Map(RouteGroupBuilder requests) =>
        requests
            .MapPost("/{id:guid}/rating", async (RateServiceRequestHandler handler, Guid id, VisitInput body, CancellationToken ct) =>
            {
                var v = await handler.HandleAsync(id, body, ct);
                return TypedResults.Ok(
                    new
                    {
                        v.Id,
                        v.Satisfied,
                        v.Score,
                        v.ReworkWorkOrderId,
                    }
                );
            })
            .RequireRoles(Roles.Owner)
            .WithSummary("The owner rates the finished work (counts as the return visit)");
}

/// <summary>评价: the owner rates the finished work; it counts as the pending return visit.</summary>
internal sealed class RateServiceRequestHandler(WuyeDb db, RecordReturnVisitHandler visits)
{
    public async Task<ReturnVisit> HandleAsync(Guid requestId, VisitInput input, CancellationToken ct)
    {
        var visit = await db.Set<ReturnVisit>()
            .Where(x => x.ServiceRequestId == requestId && x.Status == ReturnVisitStatus.Pending)
            .OrderByDescending(x => x.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (visit is null)
        {
            if (!await db.Set<ServiceRequest>().AnyAsync(x => x.Id == requestId, ct))
                throw new NotFoundException("service request");
            throw new RuleException(
                "service_request.nothing_to_rate",
                "报事尚未完工，暂不能评价",
                "The request is not finished yet; there is nothing to rate"
            );
        }
        return await visits.HandleAsync(visit.Id, input, ct);
    }
}
