using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.TransferWorkOrder;

internal static class TransferWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/transfer",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    TransferWorkOrderHandler handler,
                    Guid id,
                    TransferInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, body, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles([.. WorkOrderRoles.Dispatchers, Roles.Technician])
            .WithSummary("Transfer to another technician, with a reason");
}

internal sealed record TransferInput(Guid? TechnicianId, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("technicianId", TechnicianId, "转派给", "Technician")
            .Required("reason", Reason, "原因", "Reason")
            .MaxLength("reason", Reason, 200, "原因", "Reason");
}

/// <summary>转派: a dispatcher, or the job's own technician, passes a job not yet on site to another technician.</summary>
internal sealed class TransferWorkOrderHandler(WuyeDb db, JobSteps steps, Notifier notifier)
{
    public async Task HandleAsync(Guid id, TransferInput input, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadAsync(id, ct);
        var isDesk = db.Scope.HasRoleAt(WorkOrderRoles.Dispatchers, wo.CompanyId, wo.ProjectId, wo.ZoneId);
        wo.CheckTransferableBy(isDesk, db.Scope.UserId);
        var name = await steps.TechnicianNameAsync(wo, input.TechnicianId!.Value, "technicianId", ct);
        var actor = await steps.ActorAsync(ct);
        var from = wo.TransferTo(isDesk, db.Scope.UserId, input.TechnicianId!.Value, name);
        steps.Log(r, wo, EventKind.Transferred, actor, () =>
            Loc.T($"{from ?? "未指派"} → {name}：{input.Reason}", $"{from ?? "unassigned"} → {name}: {input.Reason}")
        );
        await notifier.NotifyAsync(
            [input.TechnicianId!.Value],
            wo.CompanyId,
            $"转派工单 {r.Number}",
            r.Description,
            "/work-orders/my",
            null,
            ct
        );
        await steps.SaveRacingAsync(ct);
    }
}
