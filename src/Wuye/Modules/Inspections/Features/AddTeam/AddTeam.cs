using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.AddTeam;

internal sealed record TeamInput(Guid? ProjectId, string? Name, Guid? LeaderUserId) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "班组名称", "Team name")
            .MaxLength("name", Name, 50, "班组名称", "Team name");
}

/// <summary>Add a team (班组) of a project, with its leader.</summary>
internal static class AddTeamEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        g.MapPost("/teams", async Task<Created<TeamDto>> (WuyeDb db, RoleHolders roleHolders, TeamInput body, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                    ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                var name = body.Name!.Trim();
                if (await db.Set<InspectionTeam>().AnyAsync(t => t.ProjectId == project.Id && t.Name == name, ct))
                    throw InspectionTeam.DuplicateName(name);
                string? leaderName = null;
                if (body.LeaderUserId is { } leader)
                {
                    if (!await roleHolders.AtProject(project.CompanyId, project.Id).AnyAsync(r => r.UserId == leader, ct))
                        throw ValidationException.For("leaderUserId", "班长不在该项目", "The leader does not work at this project");
                    leaderName = await Qpi.UserNameAsync(db, leader, ct);
                }
                var team = new InspectionTeam
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Name = name,
                    LeaderUserId = body.LeaderUserId,
                    LeaderName = leaderName,
                };
                db.Add(team);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(
                    $"/api/v1/team-mutual-checks/teams/{team.Id}",
                    new TeamDto(team.Id, team.ProjectId, team.Name, team.LeaderUserId, team.LeaderName)
                );
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary("Add a team");
    }
}
