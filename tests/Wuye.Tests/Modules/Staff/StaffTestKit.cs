using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Staff;

/// <summary>Fixtures the Staff tests share: a project of their own with one engineering team, made through the API.</summary>
internal static class StaffTestKit
{
    /// <summary>A new project of the demo company 锦华 (by its manager) with an engineering team in it.</summary>
    public static async Task<(Guid Company, Guid Project, Guid Team)> ProjectWithTeamAsync(WuyeApp app, string project, string team)
    {
        var company = await app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var projectId = await WorkOrderTestKit.NewProjectAsync(app, project);
        var teamId = (
            await (await app.As("manager"))
                .PostJsonAsync(
                    "/api/v1/teams",
                    new
                    {
                        projectId,
                        name = team,
                        kind = "engineering",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        return (company, projectId, teamId);
    }
}
