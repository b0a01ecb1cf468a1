using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Features.GetComplaint;

/// <summary>GET /complaints/{id}: one complaint with its timeline, linked service requests and suggested reply scripts.</summary>
internal static class GetComplaint
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi
            .Group(api)
            .MapGet(
                "/{id:guid}",
                async Task<Results<Ok<ComplaintDetail>, NotFound>> (
                    WuyeDb db,
                    IServiceRequests serviceRequests,
                    TimeProvider clock,
                    Guid id,
                    CancellationToken ct
                ) =>
                    await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound()
            )
            .WithSummary("One complaint with its timeline, linked service requests and suggested reply scripts");
}
