using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

public sealed record UserDto(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Mobile,
    Guid? CompanyId,
    string Status,
    string StatusName,
    DateTimeOffset? LastSignInAt,
    string[] Roles,
    string RoleNames
);

public sealed record OneTimePasswordDto(Guid UserId, string UserName, string OneTimePassword);

/// <summary>
/// /api/v1/users: the accounts in the caller's scope, with status, last sign-in and roles; a
/// manager disables, enables or resets the password of an account they outrank
/// (<see cref="Roles.MayGrant"/>), never one outside their company or project.
/// </summary>
public static class UserEndpoints
{
    private static readonly string[] Managers = [Roles.CompanyManager, Roles.ProjectManager];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/users").WithTags("Users");
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, string? q, int? page, int? pageSize, CancellationToken ct) =>
            {
                var query = Visible(db);
                if (!string.IsNullOrWhiteSpace(q))
                    query = query.Where(u => u.DisplayName.Contains(q.Trim()) || u.UserName!.Contains(q.Trim()));
                var paged = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ToPagedAsync(page, pageSize, ct);
                var ids = paged.Items.Select(u => u.Id).ToList();
                var roles = (
                    await db
                        .RoleAssignments.AsNoTracking()
                        .Where(r => ids.Contains(r.UserId))
                        .Select(r => new { r.UserId, r.Role })
                        .ToListAsync(ct)
                ).ToLookup(r => r.UserId, r => r.Role);
                var now = clock.GetUtcNow();
                return TypedResults.Ok(
                    new Paged<UserDto>(
                        [.. paged.Items.Select(u => Dto(u, [.. roles[u.Id].Distinct()], now))],
                        paged.Page,
                        paged.PageSize,
                        paged.Total
                    )
                );
            })
            .RequireRoles(Managers)
            .WithSummary("Accounts in my company or project: status (active, invited, locked, disabled), last sign-in, roles");

        g.MapPost(
                "/{id:guid}/disable",
                async Task<Results<NoContent, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    UserManager<AppUser> users,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    if (await ManageableAsync(db, users, id, ct) is not { } user)
                        return TypedResults.NotFound();
                    if (user.Id == db.Scope.UserId)
                        throw new RuleException("account.self", "不能停用自己的账号", "You cannot disable your own account");
                    await accounts.DisableAsync(user);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(Managers)
            .WithSummary("Disable an account: no sign-in; its sessions, tokens and refresh tokens end at once");

        g.MapPost(
                "/{id:guid}/enable",
                async Task<Results<NoContent, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    UserManager<AppUser> users,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    if (await ManageableAsync(db, users, id, ct) is not { } user)
                        return TypedResults.NotFound();
                    await accounts.EnableAsync(user);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(Managers)
            .WithSummary("Enable a disabled account again");

        g.MapPost(
                "/{id:guid}/reset-password",
                async Task<Results<Ok<OneTimePasswordDto>, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    UserManager<AppUser> users,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    if (await ManageableAsync(db, users, id, ct) is not { } user)
                        return TypedResults.NotFound();
                    if (user.Id == db.Scope.UserId)
                        throw new RuleException(
                            "account.self",
                            "请在“我的账号”中修改自己的密码",
                            "Change your own password under My account"
                        );
                    var password = await accounts.ResetPasswordAsync(user);
                    return TypedResults.Ok(new OneTimePasswordDto(user.Id, user.UserName!, password));
                }
            )
            .RequireRoles(Managers)
            .WithSummary("Give the account a one-time password (shown once), to be changed at its next sign-in");
    }

    public static UserDto Dto(AppUser u, string[] roles, DateTimeOffset now)
    {
        var status = u.Status(now);
        return new(
            u.Id,
            u.UserName!,
            u.DisplayName,
            Mask.Phone(u.PhoneNumber),
            u.CompanyId,
            status,
            StatusName(status),
            u.LastSignInAt,
            roles,
            string.Join("、", roles.Select(Roles.Name))
        );
    }

    public static string StatusName(string status) =>
        status switch
        {
            "disabled" => Loc.T("已停用", "Disabled"),
            "locked" => Loc.T("已锁定", "Locked"),
            "invited" => Loc.T("已邀请", "Invited"),
            _ => Loc.T("正常", "Active"),
        };

    /// <summary>Companies the caller manages, and projects they manage (as project manager).</summary>
    private static (Guid[] Companies, Guid[] Projects) Managed(DataScope s) =>
        (
            [
                .. s
                    .Grants.Where(g => g.Role == Roles.CompanyManager && g.Project == null && g.Company is not null)
                    .Select(g => g.Company!.Value)
                    .Distinct(),
            ],
            [
                .. s
                    .Grants.Where(g => g.Role == Roles.ProjectManager && g.Zone == null && g.Project is not null)
                    .Select(g => g.Project!.Value)
                    .Distinct(),
            ]
        );

    /// <summary>The accounts a manager sees: of their companies, or holding a role in their projects.</summary>
    public static IQueryable<AppUser> Visible(WuyeDb db)
    {
        var q = db.Users.AsNoTracking();
        if (db.Scope.IsGlobal)
            return q;
        var (companies, projects) = Managed(db.Scope);
        return q.Where(u =>
            (u.CompanyId != null && companies.Contains(u.CompanyId.Value))
            || db.RoleAssignments.Any(r => r.UserId == u.Id && r.ProjectId != null && projects.Contains(r.ProjectId.Value))
        );
    }

    /// <summary>
    /// The account if the caller may change it: visible to them (else null: "not found, or not yours"),
    /// and every role it holds one the caller may grant there (else 403).
    /// </summary>
    public static async Task<AppUser?> ManageableAsync(WuyeDb db, UserManager<AppUser> users, Guid id, CancellationToken ct)
    {
        if (!await Visible(db).AnyAsync(u => u.Id == id, ct))
            return null;
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null || db.Scope.IsGlobal)
            return user;
        var grants = await db
            .RoleAssignments.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.UserId == id)
            .Select(r => new
            {
                r.Role,
                r.CompanyId,
                r.ProjectId,
            })
            .ToListAsync(ct);
        var (companies, projects) = Managed(db.Scope);
        bool Covered(string role, Guid? company, Guid? project) =>
            (company is { } c && companies.Contains(c) && Roles.MayGrant(Roles.CompanyManager, role))
            || (project is { } p && projects.Contains(p) && Roles.MayGrant(Roles.ProjectManager, role));
        var companyWide = user.CompanyId is { } uc && companies.Contains(uc);
        if (grants.All(g => Covered(g.Role, g.CompanyId, g.ProjectId)) && (companyWide || grants.Count > 0))
            return user;
        throw new ForbiddenException(
            "只能管理本人管辖范围内、职位低于自己的账号",
            "You may manage only accounts in your scope whose roles you may grant"
        );
    }
}
