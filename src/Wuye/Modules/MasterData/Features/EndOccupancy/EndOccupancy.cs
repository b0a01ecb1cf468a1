using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using PeopleFeature = Wuye.Modules.MasterData.Features.People.People;

namespace Wuye.Modules.MasterData.Features.EndOccupancy;

/// <summary>Ends a link on <see cref="Until"/>, the last day it holds (a lease's end date, the day of moving out).</summary>
internal sealed record OccupancyEndInput(DateOnly? Until) : IValidatable
{
    public void Validate(Validator v) => v.Required("until", Until, "结束日期", "End date");
}

/// <summary>POST /api/v1/people/{id}/units/{linkId}/end: a link ends on its last day and stays as history, never deleted.</summary>
internal static class EndOccupancy
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/people")
            .WithTags("People")
            .MapPost(
                "/{id:guid}/units/{linkId:guid}/end",
                async Task<Results<Ok<OccupantDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    Guid linkId,
                    OccupancyEndInput body,
                    CancellationToken ct
                ) =>
                {
                    var (link, person) = await LinkOccupant.LinkOccupant.FindAsync(db, id, linkId, ct);
                    if (link is null)
                        return TypedResults.NotFound();
                    link.End(body.Until!.Value, ChinaTime.Today(clock));
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(OccupantDto.Of(link, person!.Name, person.Phone));
                }
            )
            .RequireRoles(PeopleFeature.Editors)
            .WithSummary(
                "End a link on its last day (kept as history, never deleted): an owner whose link has ended no longer sees the unit"
            );
}
