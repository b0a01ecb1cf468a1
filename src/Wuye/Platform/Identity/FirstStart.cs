using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Identity;

/// <summary>
/// A database with no account at all (first start without the demo data) gets the platform
/// administrator "admin" with a one-time password, written to the log once (and never stored in
/// clear): the first sign-in must change it. Nothing else is needed to begin.
/// </summary>
public static class FirstStart
{
    public const string AdminUserName = "admin";
    public const string AdminDisplayName = "平台管理员";

    /// <summary>
    /// A platform administrator with a one-time password (returned, to be printed once), whatever the
    /// database holds: <c>./wuye admin create</c> on a server without the demo data. A taken user name is refused.
    /// </summary>
    public static async Task<string> CreateAdminAsync(IServiceProvider services, string userName, string displayName, CancellationToken ct)
    {
        userName = userName.Trim();
        if (userName.Length == 0)
            throw Web.ValidationException.For("userName", "请填写用户名", "Give a user name");
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("select pg_advisory_xact_lock(20190001)", ct);
        var normalized = userName.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
            throw Web.ValidationException.For(
                "userName",
                $"用户名 {userName} 已被使用：请换一个（--user-name），或由管理员在“账号”中重置它的密码",
                $"The user name '{userName}' is taken: choose another (--user-name), or have its password reset under Accounts"
            );
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var (admin, password) = await accounts.CreateWithPasswordAsync(userName, displayName, null, null, ct);
        db.RoleAssignments.Add(new RoleAssignment { UserId = admin.Id, Role = Roles.PlatformAdmin });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return password;
    }

    /// <summary>Creates the admin when there is no account; returns the one-time password, or null when accounts exist.</summary>
    public static async Task<string?> CreateAdminIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        // Two instances starting at once on an empty database: one makes the admin.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("select pg_advisory_xact_lock(20190001)", ct);
        if (await db.Users.AnyAsync(ct))
            return null;
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var (admin, password) = await accounts.CreateWithPasswordAsync(AdminUserName, AdminDisplayName, null, null, ct);
        db.RoleAssignments.Add(new RoleAssignment { UserId = admin.Id, Role = Roles.PlatformAdmin });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        scope
            .ServiceProvider.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Wuye.FirstStart")
            .LogWarning(
                "First start: the platform administrator is '{UserName}' with the one-time password {Password} (shown only this once). "
                    + "Sign in at /account/sign-in and choose your own password. 首次启动：平台管理员 {UserName}，一次性密码 {Password}（仅显示这一次），登录后须修改。",
                AdminUserName,
                password,
                AdminUserName,
                password
            );
        return password;
    }
}
