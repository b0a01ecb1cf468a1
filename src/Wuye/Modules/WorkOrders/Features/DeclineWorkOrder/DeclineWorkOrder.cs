using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.DeclineWorkOrder;

internal static class DeclineWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/decline",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    DeclineWorkOrderHandler handler,
                    Guid id,
                    ReasonInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, body, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Decline a job dispatched to me, with a reason");
}

internal sealed record ReasonInput(string? Reason) : IValidatable
{
    public void Validate(Validator v) => v.Required("reason", Reason, "原因", "Reason").MaxLength("reason", Reason, 200, "原因", "Reason");
}

/// <summary>拒单: the technician hands a job dispatched to them back to be dispatched again; the front desk is told.</summary>
internal sealed class DeclineWorkOrderHandler(WuyeDb db, JobSteps steps, Notifier notifier)
{
    public async Task HandleAsync(Guid id, ReasonInput input, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadAsync(id, ct);
        wo.Decline(db.Scope.UserId);
        var actor = await steps.ActorAsync(ct);
        steps.Log(r, wo, EventKind.Declined, actor, () => input.Reason!.Trim());
        var desk = await notifier.UsersWithRoleAsync(Roles.CustomerService, wo.CompanyId, wo.ProjectId, ct);
        await notifier.NotifyAsync(
            desk,
            wo.CompanyId,
            $"工单被拒 {r.Number}",
            $"{actor.Name}：{input.Reason}",
            $"/service-requests/{r.Id}",
            null,
            ct
        );
        await steps.SaveRacingAsync(ct);
    }
}
