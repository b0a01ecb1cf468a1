using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.AnswerWalkIn;

internal sealed record AnswerInput(bool? Accept) : IValidatable
{
    public void Validate(Validator v) => v.Required("accept", Accept, "是否放行", "Let in or not");
}

/// <summary>The owner lets a walk-in visitor in, or not; the gate sees the answer on its console.</summary>
internal sealed class AnswerWalkInHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<VisitorPassDto> AnswerAsync(Guid id, AnswerInput input, CancellationToken ct)
    {
        var own = db.Scope.Units;
        var pass = await db.Set<VisitorPass>().FirstOrDefaultAsync(p => p.Id == id && own.Contains(p.UnitId), ct)
            ?? throw new NotFoundException("visitor pass");
        pass.Answer(input.Accept!.Value, db.Scope.UserId ?? Guid.Empty, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await PassViews.PassesAsync(db, db.Set<VisitorPass>().Where(p => p.Id == id), ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/visitor-passes/{id:guid}/answers", async (AnswerWalkInHandler h, Guid id, AnswerInput body, CancellationToken ct) =>
                TypedResults.Ok(await h.AnswerAsync(id, body, ct))
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Owners)
            .WithSummary("The owner answers a walk-in visitor the gate registered: let in or refuse");
    }
}
