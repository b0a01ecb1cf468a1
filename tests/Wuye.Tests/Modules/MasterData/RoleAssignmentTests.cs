using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

[Collection(nameof(MasterDataApiCollection))]
public sealed class RoleAssignmentTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private Task<Guid> ProjectAsync(string name) =>
        _app.DbAsync(db => db.Projects().Where(p => p.Name == name).Select(p => p.Id).FirstAsync());

    private Task<Guid> UserAsync(string name) => _app.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task A_project_manager_cannot_grant_in_another_project()
    {
        var pm = await _app.As("pm");
        var other = await ProjectAsync("阳光水岸");
        var tech = await UserAsync("tech");
        // Another test of the class grants (and revokes) the technician a role there: count, before and after.
        var before = await _app.DbAsync(db => db.RoleAssignments.CountAsync(r => r.ProjectId == other && r.UserId == tech));
        var res = await pm.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = tech,
                role = "customer_service",
                projectId = other,
            }
        );
        // The other project is not even visible to them: a field error that names nothing of it.
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("projectId", out _));
        Assert.Equal(before, await _app.DbAsync(db => db.RoleAssignments.CountAsync(r => r.ProjectId == other && r.UserId == tech)));
    }

    [Fact]
    public async Task A_project_manager_cannot_grant_the_company_manager_role_at_the_company_or_in_their_own_project()
    {
        var pm = await _app.As("pm");
        var own = await ProjectAsync("锦绣花园");
        var company = await _app.DbAsync(db => db.Projects().Where(p => p.Id == own).Select(p => p.CompanyId).FirstAsync());
        var tech = await UserAsync("tech");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await pm.PostJsonAsync(
                    "/api/v1/role-assignments",
                    new
                    {
                        userId = tech,
                        role = "company_manager",
                        companyId = company,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await pm.PostJsonAsync(
                    "/api/v1/role-assignments",
                    new
                    {
                        userId = tech,
                        role = "company_manager",
                        projectId = own,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await pm.PostJsonAsync("/api/v1/role-assignments", new { userId = tech, role = "platform_admin" })).StatusCode
        );
        Assert.False(await _app.DbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == tech && r.Role == "company_manager")));
    }

    [Fact]
    public async Task A_project_manager_makes_a_steward_of_a_zone_in_their_project_and_it_is_audited()
    {
        var pm = await _app.As("pm");
        var own = await ProjectAsync("锦绣花园");
        var zone = await _app.DbAsync(db =>
            db.Zones().Where(z => z.ProjectId == own).OrderByDescending(z => z.Name).Select(z => z.Id).FirstAsync()
        );
        var guard = await UserAsync("guard");
        var res = await pm.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = guard,
                role = "steward",
                zoneId = zone,
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var grant = await res.JsonAsync();
        Assert.Equal(own, grant.GetProperty("projectId").GetGuid());
        Assert.Contains("锦绣花园", grant.GetProperty("scope").GetString());

        var again = await pm.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = guard,
                role = "steward",
                zoneId = zone,
            }
        );
        Assert.Equal("role_assignment.duplicate", (await again.JsonAsync()).GetProperty("code").GetString());
        var list = await pm.GetJsonAsync($"/api/v1/role-assignments?projectId={own}&pageSize=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), r =>
            r.GetProperty("id").GetGuid() == grant.GetProperty("id").GetGuid()
        );
        var history = await pm.GetJsonAsync($"/api/v1/change-logs?entityId={grant.GetProperty("id").GetGuid()}");
        Assert.Contains("steward", history.GetRawText());

        // Someone from the other company neither sees nor revokes it.
        var outsider = await _app.As("manager2");
        Assert.DoesNotContain(
            grant.GetProperty("id").GetGuid().ToString(),
            (await outsider.GetJsonAsync("/api/v1/role-assignments?pageSize=200")).GetRawText()
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await outsider.DeleteAsync($"/api/v1/role-assignments/{grant.GetProperty("id").GetGuid()}")).StatusCode
        );
    }

    [Fact]
    public async Task A_revoked_role_stops_working_at_once()
    {
        var manager = await _app.As("manager");
        var other = await ProjectAsync("阳光水岸");
        var tech = await _app.As("tech");
        Assert.Equal(0, (await tech.GetJsonAsync($"/api/v1/units?projectId={other}")).GetProperty("total").GetInt32());

        var res = await manager.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = await UserAsync("tech"),
                role = "customer_service",
                projectId = other,
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var id = (await res.JsonAsync()).GetProperty("id").GetGuid();
        Assert.True((await tech.GetJsonAsync($"/api/v1/units?projectId={other}")).GetProperty("total").GetInt32() > 0);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/role-assignments/{id}")).StatusCode);
        Assert.Equal(0, (await tech.GetJsonAsync($"/api/v1/units?projectId={other}")).GetProperty("total").GetInt32());
        var history = await manager.GetJsonAsync($"/api/v1/change-logs?entityId={id}");
        Assert.Equal(2, history.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Granting_to_a_user_of_another_company_or_at_a_level_the_role_does_not_have_is_a_field_error()
    {
        var manager = await _app.As("manager");
        var own = await ProjectAsync("锦绣花园");
        var res = await manager.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = await UserAsync("manager2"),
                role = "customer_service",
                projectId = own,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("userId", out _));

        var company = await _app.DbAsync(db => db.Projects().Where(p => p.Id == own).Select(p => p.CompanyId).FirstAsync());
        var wrongLevel = await manager.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = await UserAsync("tech"),
                role = "steward",
                companyId = company,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, wrongLevel.StatusCode);

        var missing = await manager.PostJsonAsync("/api/v1/role-assignments", new { role = "nobody" });
        var errors = (await missing.JsonAsync()).GetProperty("errors");
        Assert.True(
            errors.TryGetProperty("userId", out _) && errors.TryGetProperty("role", out _) && errors.TryGetProperty("projectId", out _)
        );
    }

    [Fact]
    public async Task An_owner_granted_a_unit_sees_that_unit()
    {
        var manager = await _app.As("manager");
        var unit = await _app.DbAsync(db =>
            db.Units().Where(u => db.Projects().Any(p => p.Id == u.ProjectId && p.Name == "阳光水岸")).Select(u => u.Id).FirstAsync()
        );
        var res = await manager.PostJsonAsync(
            "/api/v1/role-assignments",
            new
            {
                userId = await UserAsync("owner"),
                role = "owner",
                unitId = unit,
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var owner = await _app.As("owner");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/v1/units/{unit}")).StatusCode);
    }
}
