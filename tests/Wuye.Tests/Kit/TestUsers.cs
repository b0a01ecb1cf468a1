using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Tests.Kit;

/// <summary>Users a test makes for itself, holding exactly the grants it names (role and place).</summary>
public static class TestUsers
{
    public const string Password = "Wuye@2026";

    /// <summary>Creates <paramref name="userName"/> of <paramref name="companyId"/> with these grants; returns its id.</summary>
    public static async Task<Guid> CreateUserAsync(this WuyeApp app, string userName, Guid companyId, params RoleAssignment[] grants)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = userName,
            CompanyId = companyId,
        };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        foreach (var grant in grants)
        {
            grant.UserId = user.Id;
            db.RoleAssignments.Add(grant);
        }
        await db.SaveChangesAsync();
        return user.Id;
    }
}
