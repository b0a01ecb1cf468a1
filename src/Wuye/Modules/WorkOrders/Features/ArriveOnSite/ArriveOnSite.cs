using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ArriveOnSite;

internal static class ArriveOnSiteEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/arrive",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (WuyeDb db, ArriveOnSiteHandler handler, Guid id, CancellationToken ct) =>
                {
                    await handler.HandleAsync(id, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Check in on site (arrival time recorded)");
}

/// <summary>到场: the technician checks in on site; the arrival clock is met or missed.</summary>
internal sealed class ArriveOnSiteHandler(JobSteps steps)
{
    public async Task HandleAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadMineAsync(id, ct);
        var now = steps.Now;
        wo.Arrive(r, now);
        var actor = await steps.ActorAsync(ct);
        steps.Log(r, wo, EventKind.Arrived, actor, () => WorkOrderText.ClockNote(wo.ArrivalDueAt, now));
        await steps.SaveRacingAsync(ct);
    }
}
