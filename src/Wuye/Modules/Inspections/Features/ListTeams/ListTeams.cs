using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListTeams;

/// <summary>Teams (班组) that check each other.</summary>
internal static class ListTeamsEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        g.MapGet("/teams", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(
                    await db.Set<InspectionTeam>()
                        .AsNoTracking()
                        .Where(t => projectId == null || t.ProjectId == projectId)
                        .OrderBy(t => t.Name)
                        .Select(t => new TeamDto(t.Id, t.ProjectId, t.Name, t.LeaderUserId, t.LeaderName))
                        .ToListAsync(ct)
                )
            )
            .WithSummary("Teams (班组) that check each other");
    }
}
