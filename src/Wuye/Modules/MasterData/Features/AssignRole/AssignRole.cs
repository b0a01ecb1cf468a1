using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.AssignRole;

internal sealed record RoleAssignmentDto(
    Guid Id,
    Guid UserId,
    string? UserName,
    string DisplayName,
    string Role,
    string RoleName,
    Guid? CompanyId,
    Guid? ProjectId,
    Guid? ZoneId,
    Guid? UnitId,
    string Scope,
    DateTimeOffset GrantedAt
);

internal sealed record RoleGrantInput(Guid? UserId, string? Role, Guid? CompanyId, Guid? ProjectId, Guid? ZoneId, Guid? UnitId)
    : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("userId", UserId, "用户", "User").Required("role", Role, "角色", "Role");
        if (!string.IsNullOrWhiteSpace(Role) && Roles.Find(Role) is null)
            v.Add("role", "没有这个角色", "No such role");
        if (Role is not Roles.PlatformAdmin && CompanyId is null && ProjectId is null && ZoneId is null && UnitId is null)
            v.Add("projectId", "请选择授权范围（公司、项目、片区或房屋）", "Choose the scope: company, project, zone or unit");
    }
}

/// <summary>
/// /api/v1/role-assignments: who holds which role where. A company manager grants within their
/// company, a project manager project-level and lower roles within their project, a platform
/// admin anything; nobody grants beyond their own scope. Every grant and revoke is in the
/// change log (WuyeDb writes it in the same save) and drops the cached scopes of this instance
/// at once, so a revoked user loses access on their next request.
/// </summary>
internal static class AssignRole
{
    private static readonly string[] Granters = [Roles.CompanyManager, Roles.ProjectManager];

    internal sealed record Target(Roles.RoleLevel Level, Guid? Company, Guid? Project, Guid? Zone, Guid? Unit);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/role-assignments").WithTags("Role assignments");

        g.MapGet("/", async (WuyeDb db, Guid? userId, Guid? projectId, string? role, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await List(db, userId, projectId, role).ToPagedAsync(page, pageSize, ct))
            )
            .RequireRoles(Granters)
            .WithSummary("Role assignments in the caller's company or project");

        g.MapPost("/", async Task<IResult> (WuyeDb db, RoleGrantInput body, CancellationToken ct) =>
            {
                var grant = await GrantAsync(db, body, ct);
                return TypedResults.Created(
                    $"/api/v1/role-assignments/{grant.Id}",
                    await List(db, null, null, null, grant.Id).FirstAsync(ct)
                );
            })
            .RequireRoles(Granters)
            .WithSummary("Grant a role at a company, project, zone or unit (owner)");

        g.MapDelete("/{id:guid}", async Task<IResult> (WuyeDb db, Guid id, CancellationToken ct) =>
            {
                var grant = await db.RoleAssignments.FirstOrDefaultAsync(r => r.Id == id, ct);
                if (grant is null)
                    return TypedResults.NotFound();
                var level =
                    grant.UnitId is not null ? Roles.RoleLevel.Unit
                    : grant.ZoneId is not null ? Roles.RoleLevel.Zone
                    : grant.ProjectId is not null ? Roles.RoleLevel.Project
                    : grant.CompanyId is not null ? Roles.RoleLevel.Company
                    : Roles.RoleLevel.Platform;
                var role = Roles.Find(grant.Role) ?? new(grant.Role, grant.Role, grant.Role, Roles.RoleLevel.Platform, "/");
                if (
                    await RefusalAsync(db, role, new(level, grant.CompanyId, grant.ProjectId, grant.ZoneId, grant.UnitId), ct) is
                    { } refusal
                )
                    throw new ForbiddenException(refusal.Zh, refusal.En);
                db.RoleAssignments.Remove(grant);
                await db.SaveChangesAsync(ct);
                ScopeResolver.Invalidate();
                return TypedResults.NoContent();
            })
            .RequireRoles(Granters)
            .WithSummary("Revoke a role assignment; the user loses that access at once");
    }

    /// <summary>
    /// Grants the role (every check of POST /api/v1/role-assignments) and saves; the caller's transaction, if any, holds it.
    /// </summary>
    internal static async Task<RoleAssignment> GrantAsync(WuyeDb db, RoleGrantInput body, CancellationToken ct)
    {
        var role = Roles.Find(body.Role!)!;
        var target = await TargetAsync(db, body, ct);
        if (await RefusalAsync(db, role, target, ct) is { } refusal)
            throw new ForbiddenException(refusal.Zh, refusal.En);
        if (role.Code == Roles.Regulator)
            throw ValidationException.For(
                "role",
                "主管部门账号按主管部门授权，不在此处授予",
                "Regulator accounts are granted per regulator, not here"
            );
        var scopeRank = (int)target.Level;
        if (
            role.Code == Roles.Owner
                ? target.Level != Roles.RoleLevel.Unit
                : scopeRank < (int)role.Level || target.Level == Roles.RoleLevel.Unit
        )
            throw ValidationException.For(
                target.Level == Roles.RoleLevel.Unit ? "unitId" : "projectId",
                $"{role.Zh}不能授予在这一层级",
                $"{role.En} cannot be granted at that level"
            );
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == body.UserId, ct);
        if (user is null || (!db.Scope.IsGlobal && user.CompanyId != target.Company))
            throw ValidationException.For("userId", "用户不存在或不是本公司的账号", "No such user in this company");
        if (
            await db.RoleAssignments.AnyAsync(
                r =>
                    r.UserId == user.Id
                    && r.Role == role.Code
                    && r.CompanyId == target.Company
                    && r.ProjectId == target.Project
                    && r.ZoneId == target.Zone
                    && r.UnitId == target.Unit,
                ct
            )
        )
            throw new RuleException("role_assignment.duplicate", "此用户已拥有该范围的这个角色", "The user already holds this role there");
        var grant = new RoleAssignment
        {
            UserId = user.Id,
            Role = role.Code,
            CompanyId = target.Company,
            ProjectId = target.Project,
            ZoneId = target.Zone,
            UnitId = target.Unit,
        };
        db.RoleAssignments.Add(grant);
        await db.SaveChangesAsync(ct);
        // WuyeDb drops cached scopes after any role-assignment save; said here too because
        // the grant must apply on the grantee's very next request.
        ScopeResolver.Invalidate();
        return grant;
    }

    public static IQueryable<RoleAssignmentDto> List(WuyeDb db, Guid? userId, Guid? projectId, string? role, Guid? id = null)
    {
        var q = db.RoleAssignments.AsNoTracking();
        if (id is { } one)
            q = q.Where(r => r.Id == one);
        if (userId is { } u)
            q = q.Where(r => r.UserId == u);
        if (projectId is { } p)
            q = q.Where(r => r.ProjectId == p);
        if (!string.IsNullOrWhiteSpace(role))
            q = q.Where(r => r.Role == role);
        return from r in q
            join user in db.Users on r.UserId equals user.Id
            orderby user.DisplayName, r.Role, r.CreatedAt, r.Id
            select new RoleAssignmentDto(
                r.Id,
                r.UserId,
                user.UserName,
                user.DisplayName,
                r.Role,
                Roles.Name(r.Role),
                r.CompanyId,
                r.ProjectId,
                r.ZoneId,
                r.UnitId,
                (db.Companies().Where(c => c.Id == r.CompanyId).Select(c => c.Name).FirstOrDefault() ?? "")
                    + (
                        r.ProjectId == null
                            ? ""
                            : " / " + db.Projects().Where(x => x.Id == r.ProjectId).Select(x => x.Name).FirstOrDefault()
                    )
                    + (r.ZoneId == null ? "" : " / " + db.Zones().Where(z => z.Id == r.ZoneId).Select(z => z.Name).FirstOrDefault())
                    + (r.UnitId == null ? "" : " / " + db.Units().Where(x => x.Id == r.UnitId).Select(x => x.Number).FirstOrDefault()),
                r.CreatedAt
            );
    }

    /// <summary>Fills in the keys above the most specific one given, from a record the caller can see (else a 400 on that field).</summary>
    internal static async Task<Target> TargetAsync(WuyeDb db, RoleGrantInput body, CancellationToken ct)
    {
        if (body.UnitId is not null)
        {
            var u = await Registers.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
            return new(Roles.RoleLevel.Unit, u.CompanyId, u.ProjectId, u.ZoneId, u.Id);
        }
        if (body.ZoneId is not null)
        {
            var z = await Registers.ParentAsync(db.Zones(), body.ZoneId, "zoneId", "片区", "Zone", ct);
            return new(Roles.RoleLevel.Zone, z.CompanyId, z.ProjectId, z.Id, null);
        }
        if (body.ProjectId is not null)
        {
            var p = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            return new(Roles.RoleLevel.Project, p.CompanyId, p.Id, null, null);
        }
        if (body.CompanyId is not null)
        {
            var c = await Registers.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
            return new(Roles.RoleLevel.Company, c.Id, null, null, null);
        }
        return new(Roles.RoleLevel.Platform, null, null, null, null);
    }

    /// <summary>Why the caller may not grant or revoke this role there; null when they may.</summary>
    private static async Task<Text?> RefusalAsync(WuyeDb db, Roles.Info role, Target target, CancellationToken ct)
    {
        var scope = db.Scope;
        if (scope.IsGlobal)
            return null;
        if (role.Code is Roles.PlatformAdmin or Roles.Regulator || target.Company is null)
            return new("只有平台管理员可以授予平台或主管部门角色", "Only a platform admin grants platform and regulator roles");
        var me = scope.UserId;
        // The caller's own manager grants, read afresh: holding the role somewhere else is not enough.
        var mine = await db
            .RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == me && (r.Role == Roles.CompanyManager || r.Role == Roles.ProjectManager))
            .Select(r => new
            {
                r.Role,
                r.CompanyId,
                r.ProjectId,
                r.ZoneId,
            })
            .ToListAsync(ct);
        if (mine.Any(r => r.Role == Roles.CompanyManager && r.CompanyId == target.Company && r.ProjectId == null))
            return null;
        var projectManager =
            target.Project is not null
            && mine.Any(r => r.Role == Roles.ProjectManager && r.ProjectId == target.Project && r.ZoneId == null);
        if (!projectManager)
            return new("只能在自己管理的公司或项目内授权", "You may grant roles only in the company or project you manage");
        if ((int)role.Level < (int)Roles.RoleLevel.Project)
            return new($"项目经理不能授予{role.Zh}（公司级角色）", $"A project manager cannot grant {role.En} (a company-level role)");
        if (role.Code == Roles.ProjectManager)
            return new("项目经理不能再任命项目经理", "A project manager cannot appoint another project manager");
        return null;
    }
}
