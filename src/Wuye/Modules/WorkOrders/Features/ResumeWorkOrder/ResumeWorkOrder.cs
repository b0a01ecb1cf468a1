using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ResumeWorkOrder;

internal static class ResumeWorkOrderEndpoint
{
    public static void Map(RouteGroupBuilder orders) =>
        orders
            .MapPost(
                "/{id:guid}/resume",
                async Task<Results<Ok<WorkOrderDto>, NotFound>> (
                    WuyeDb db,
                    ResumeWorkOrderHandler handler,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    await handler.HandleAsync(id, ct);
                    return await WorkOrderQueries.OrderResultAsync(db, id, ct);
                }
            )
            .RequireRoles(Roles.Technician)
            .WithSummary("Resume the clocks; the limits move on by the time paused");
}

/// <summary>恢复计时: the clocks run again and every limit not yet met moves on by the time spent waiting.</summary>
internal sealed class ResumeWorkOrderHandler(JobSteps steps, ProjectClocks clocks)
{
    public async Task HandleAsync(Guid id, CancellationToken ct)
    {
        var (wo, r) = await steps.LoadMineAsync(id, ct);
        wo.CheckPaused();
        var now = steps.Now;
        var resumed = wo.Resume(r, await clocks.TimeOfAsync(wo, ct), now);
        var actor = await steps.ActorAsync(ct);
        steps.Log(r, wo, EventKind.Resumed, actor, () =>
            Loc.T(
                $"暂停 {resumed.Minutes} 分钟（{resumed.Reason}）；完成时限顺延至 {ChinaTime.Text(wo.CompletionDueAt)}",
                $"paused {resumed.Minutes} min ({resumed.Reason}); completion now due {ChinaTime.Text(wo.CompletionDueAt)}"
            )
        );
        await steps.SaveRacingAsync(ct);
    }
}
