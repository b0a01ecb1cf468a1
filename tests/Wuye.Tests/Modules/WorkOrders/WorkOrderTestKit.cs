using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>Arrangements the work-order tests share: the owner's unit, photos, a second technician.</summary>
internal static class WorkOrderTestKit
{
    public static async Task<Guid> OwnUnitAsync(HttpClient owner) =>
        (await owner.GetJsonAsync("/api/v1/units?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();

    /// <summary>A new project of the demo company 锦华, made through the API by its manager "manager".</summary>
    public static async Task<Guid> NewProjectAsync(WuyeApp app, string name)
    {
        var manager = await app.As("manager");
        var company = await app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        return (
            await manager
                .PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name,
                        kind = "residential",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ProjectOfAsync(WuyeApp app, Guid unitId) =>
        await app.DbAsync(db => db.Units().Where(u => u.Id == unitId).Select(u => u.ProjectId).FirstAsync());

    public static async Task<Guid> UploadPhotoAsync(HttpClient client, Guid projectId)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Wuye.Tests.Platform.FileTests.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "photo.png");
        var res = await client.PostAsync($"/api/v1/files?projectId={projectId}", form);
        Assert.True(res.IsSuccessStatusCode, await res.Content.ReadAsStringAsync());
        return (await res.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> UserIdAsync(WuyeApp app, string userName) =>
        await app.DbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync());

    /// <summary>A second technician on the demo technician's project.</summary>
    public static async Task<Guid> AddTechnicianAsync(WuyeApp app, string userName, string displayName)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<Wuye.Platform.Database.WuyeDb>();
        var grant = await db.RoleAssignments.AsNoTracking().FirstAsync(r => r.Role == Roles.Technician);
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            CompanyId = grant.CompanyId,
        };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, "Wuye@2026");
        Assert.True(created.Succeeded);
        db.RoleAssignments.Add(
            new RoleAssignment
            {
                UserId = user.Id,
                Role = Roles.Technician,
                CompanyId = grant.CompanyId,
                ProjectId = grant.ProjectId,
            }
        );
        await db.SaveChangesAsync();
        return user.Id;
    }
}
