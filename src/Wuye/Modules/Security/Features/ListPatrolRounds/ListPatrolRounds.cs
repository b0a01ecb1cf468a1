using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ListPatrolRounds;

/// <summary>The rounds of a China date (default today) with their conformance; one round with its checkpoints.</summary>
internal static class ListPatrolRoundsEndpoints
{
    /// <summary>Rounds starting on the China date <paramref name="day"/>, in start order.</summary>
    public static IQueryable<PatrolRound> OnDay(WuyeDb db, DateOnly day, Guid? projectId)
    {
        var from = ChinaTime.StartOf(day).ToUniversalTime();
        var to = from.AddDays(1);
        return db.Set<PatrolRound>()
            .AsNoTracking()
            .Where(r => r.StartsAt >= from && r.StartsAt < to && (projectId == null || r.ProjectId == projectId))
            .OrderBy(r => r.StartsAt)
            .ThenBy(r => r.Id);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/patrol-rounds").WithTags("Security");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    RoundViews views,
                    Guid? projectId,
                    DateOnly? date,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var rounds = await OnDay(db, date ?? ChinaTime.Today(clock), projectId).ToPagedAsync(page, pageSize, ct);
                    var items = await views.ToDtosAsync(rounds.Items, false, ct);
                    return TypedResults.Ok(new Paged<RoundDto>(items, rounds.Page, rounds.PageSize, rounds.Total));
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("Patrol rounds of a day (China time) with their conformance");
        g.MapGet("/{id:guid}", async (WuyeDb db, RoundViews views, Guid id, CancellationToken ct) =>
            {
                var round = await db.Set<PatrolRound>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct)
                    ?? throw new NotFoundException("patrol round");
                return TypedResults.Ok((await views.ToDtosAsync([round], true, ct))[0]);
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One patrol round with each checkpoint's result");
    }
}
