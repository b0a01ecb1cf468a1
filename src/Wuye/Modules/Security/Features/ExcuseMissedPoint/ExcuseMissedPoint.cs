using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ExcuseMissedPoint;

internal sealed record ExcuseInput(Guid? PatrolCheckpointId, string? Reason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("patrolCheckpointId", PatrolCheckpointId, "巡更点", "Checkpoint")
            .Required("reason", Reason, "免责原因", "Reason")
            .MaxLength("reason", Reason, 500, "免责原因", "Reason");
}

/// <summary>
/// The supervisor excuses a missed point of a closed round with a reason (a blocked path, an incident elsewhere, a point removed from
/// the route while the round was under way).
/// </summary>
internal sealed class ExcuseMissedPointHandler(WuyeDb db, TimeProvider clock, RoundViews views)
{
    public async Task<RoundDto> ExcuseAsync(Guid roundId, ExcuseInput input, CancellationToken ct)
    {
        var round = await db.Set<PatrolRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct)
            ?? throw new NotFoundException("patrol round");
        // The round's plan decides, not the route as it is now: a point removed from the route after the round started stays in the
        // round's frozen plan (a miss the guard could not avoid once it was gone) and is excused like any other.
        var pointId = input.PatrolCheckpointId!.Value;
        var routePoints = await db.Set<PatrolCheckpoint>()
            .Where(c => c.PatrolRouteId == round.PatrolRouteId)
            .Select(c => c.Id)
            .ToListAsync(ct);
        var scanned = await db.Set<PatrolScan>().AnyAsync(s => s.PatrolRoundId == round.Id && s.PatrolCheckpointId == pointId, ct);
        var excused = await db.Set<PatrolExcuse>().AnyAsync(e => e.PatrolRoundId == round.Id && e.PatrolCheckpointId == pointId, ct);
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var planned = round.Plans(pointId, routePoints);
        db.Add(round.Excuse(pointId, planned, scanned, excused, input.Reason!, by, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (await views.ToDtosAsync([round], true, ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/patrol-rounds/{id:guid}/excuses",
                async Task<Created<RoundDto>> (ExcuseMissedPointHandler handler, Guid id, ExcuseInput body, CancellationToken ct) =>
                    TypedResults.Created($"/api/v1/patrol-rounds/{id}", await handler.ExcuseAsync(id, body, ct))
            )
            .WithTags("Security")
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Excuse a missed checkpoint of a closed round, with a reason");
    }
}
