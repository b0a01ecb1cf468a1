using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.AcceptWorkOrder;

internal static class AcceptWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/accept",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    AcceptWorkOrderHandler handler,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Accept a job; when two technicians accept at once exactly one wins, the other gets 409");
}

/// <summary>接单: a technician takes a job dispatched to them or offered to all.</summary>
internal sealed class AcceptWorkOrderHandler(WuyeDb db, JobSteps steps)
{
    public async Task HandleAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadAsync(id, ct);
        var me = db.Scope.UserId!.Value;
        wo.CheckAcceptableBy(me);
        var actor = await steps.ActorAsync(ct);
        if (wo.AssigneeUserId is null)
            await steps.TechnicianNameAsync(wo, me, "technicianId", ct);
        var now = steps.Now;
        wo.Accept(r, me, actor.Name, now);
        steps.Log(r, wo, EventKind.Accepted, actor, () => WorkOrderText.ClockNote(wo.ResponseDueAt, now));
        await steps.SaveRacingAsync(ct);
    }
}
