using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.SubmitMeasures;

internal sealed record MeasuresInput(string? Measures) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("measures", Measures, "整改措施", "Measures").MaxLength("measures", Measures, 1000, "整改措施", "Measures");
}

/// <summary>The checked team submits its measures.</summary>
internal static class SubmitMeasuresEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        string[] leads = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard];

        g.MapPost(
                "/{id:guid}/measures",
                async Task<Results<Ok<MutualCheckDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid id,
                    MeasuresInput body,
                    CancellationToken ct
                ) =>
                {
                    var check = await db.Set<TeamMutualCheck>().FirstOrDefaultAsync(c => c.Id == id, ct);
                    if (check is null)
                        return TypedResults.NotFound();
                    check.SubmitMeasures(body.Measures!, ChinaTime.Today(clock));
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await MutualCheckViews.ToDtosAsync(db, clock, [check], ct))[0]);
                }
            )
            .RequireRoles(leads)
            .WithSummary("The checked team submits its measures");
    }
}
