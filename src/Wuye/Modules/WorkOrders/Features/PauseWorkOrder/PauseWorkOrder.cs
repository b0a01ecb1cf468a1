using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.PauseWorkOrder;

internal static class PauseWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/pause",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    PauseWorkOrderHandler handler,
                    Guid id,
                    PauseInput body,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, body, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Pause the clocks: waiting for the owner or for parts");
}

internal sealed record PauseInput(PauseKind? Kind, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("kind", Kind, "暂停类型", "Pause kind")
            .Required("reason", Reason, "原因", "Reason")
            .MaxLength("reason", Reason, 200, "原因", "Reason");
}

/// <summary>暂停计时: the clocks stop while the technician waits for the owner or for parts.</summary>
internal sealed class PauseWorkOrderHandler(JobSteps steps)
{
    public async Task HandleAsync(Guid id, PauseInput input, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadMineAsync(id, ct);
        wo.Pause(input.Kind!.Value, input.Reason!.Trim(), steps.Now);
        var actor = await steps.ActorAsync(ct);
        steps.Log(r, wo, EventKind.Paused, actor, () => $"{WorkOrderText.PauseName(input.Kind!.Value)}：{wo.PauseReason}");
        await steps.SaveRacingAsync(ct);
    }
}
