using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.MergeServiceRequests;

internal static class MergeServiceRequestsEndpoint
{
    public static void Map(RouteGroupBuilder requests) =>
        requests
            .MapPost("/{id:guid}/merge", async (MergeServiceRequestsHandler handler, Guid id, MergeInput body, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, body, ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(WorkOrderRoles.Dispatchers)
            .WithSummary("Merge a duplicate public-area report into another request");
}

internal sealed record MergeInput(Guid? IntoId) : IValidatable
{
    public void Validate(Validator v) => v.Required("intoId", IntoId, "合并到的报事", "Request to merge into");
}

/// <summary>合并: a duplicate report of the same public fault joins the one being handled.</summary>
internal sealed class MergeServiceRequestsHandler(WuyeDb db, JobSteps steps)
{
    public async Task HandleAsync(Guid id, MergeInput input, CancellationToken ct)
    {
        var dup = await db.Set<ServiceRequest>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("service request");
        var into = await db.Set<ServiceRequest>().FirstOrDefaultAsync(x => x.Id == input.IntoId, ct)
            ?? throw ValidationException.For(
                "intoId",
                "要合并到的报事不存在或无权访问",
                "The request to merge into was not found, or is not yours"
            );
        dup.CheckMergeableInto(into);
        var orders = await db.Set<WorkOrder>().Where(w => w.ServiceRequestId == dup.Id).ToListAsync(ct);
        dup.MergeInto(into, orders, steps.Now);
        var actor = await steps.ActorAsync(ct);
        steps.Log(dup, null, EventKind.Merged, actor, () => Loc.T($"合并到 {into.Number}", $"merged into {into.Number}"));
        steps.Log(into, null, EventKind.Merged, actor, () => Loc.T($"{dup.Number} 合并到本单", $"{dup.Number} merged into this one"));
        await steps.SaveRacingAsync(ct);
    }
}
