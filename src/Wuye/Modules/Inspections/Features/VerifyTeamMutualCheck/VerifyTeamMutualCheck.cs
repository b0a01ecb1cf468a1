using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.VerifyTeamMutualCheck;

/// <summary>The safety lead verifies the measures.</summary>
internal static class VerifyTeamMutualCheckEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        g.MapPost(
                "/{id:guid}/verify",
                async Task<Results<Ok<MutualCheckDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                {
                    var me = Qpi.Me(db);
                    var check = await db.Set<TeamMutualCheck>().FirstOrDefaultAsync(c => c.Id == id, ct);
                    if (check is null)
                        return TypedResults.NotFound();
                    var leadsCheckedTeam =
                        (check.Problems is null || check.Measures is not null)
                        && await db.Set<InspectionTeam>().AnyAsync(t => t.Id == check.CheckedTeamId && t.LeaderUserId == me, ct);
                    check.Verify(me, leadsCheckedTeam, clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok((await MutualCheckViews.ToDtosAsync(db, clock, [check], ct))[0]);
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard)
            .WithSummary("The safety lead verifies the measures");
    }
}
