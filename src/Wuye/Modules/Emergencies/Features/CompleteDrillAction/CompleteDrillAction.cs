using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.CompleteDrillAction;

/// <summary>The owner of a drill's action (or a manager) marks it done.</summary>
internal sealed class CompleteDrillActionHandler(WuyeDb db, TimeProvider clock)
{
    public async Task DoneAsync(Guid drillId, Guid actionId, CancellationToken ct)
    {
        var action = await db.Set<DrillAction>().FirstOrDefaultAsync(a => a.Id == actionId && a.DrillId == drillId, ct)
            ?? throw new NotFoundException("drill action");
        if (action.OwnerUserId != db.Scope.UserId && !EmergencyRoles.MayManage(db.Scope))
            throw new ForbiddenException("只有责任人或管理人员可以完成整改项", "Only the owner or a manager may close the action");
        action.Done(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/drills/{id:guid}/actions/{actionId:guid}/done",
                async Task<Ok<DrillDto>> (CompleteDrillActionHandler h, DrillReads reads, Guid id, Guid actionId, CancellationToken ct) =>
                {
                    await h.DoneAsync(id, actionId, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Mark a drill's action done (its owner or a manager)");
    }
}
