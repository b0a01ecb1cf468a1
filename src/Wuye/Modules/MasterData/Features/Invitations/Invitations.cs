using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.AssignRole;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Invitations;

internal sealed record InvitationInput(
    string? DisplayName,
    string? Mobile,
    string? Email,
    string? Role,
    Guid? RegulatorId,
    Guid? CompanyId,
    Guid? ProjectId,
    Guid? ZoneId,
    Guid? UnitId
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("displayName", DisplayName, "姓名", "Name")
            .MaxLength("displayName", DisplayName, 100, "姓名", "Name")
            .Required("role", Role, "角色", "Role")
            .MaxLength("email", Email, 200, "电子邮箱", "E-mail");
        if (!string.IsNullOrWhiteSpace(Mobile) && !System.Text.RegularExpressions.Regex.IsMatch(Mobile.Trim(), @"^1[3-9]\d{9}$"))
            v.Add("mobile", "手机号应为 11 位数字", "A mobile number has 11 digits");
        if (!string.IsNullOrWhiteSpace(Email) && !Email.Contains('@'))
            v.Add("email", "电子邮箱格式不正确", "Not an e-mail address");
        if (string.IsNullOrWhiteSpace(Mobile) && string.IsNullOrWhiteSpace(Email))
            v.Add(
                "mobile",
                "请填写手机号或电子邮箱，邀请码将发送到这里",
                "Give a mobile number or e-mail address to send the invitation code to"
            );
        if (!string.IsNullOrWhiteSpace(Role) && Roles.Find(Role) is null)
            v.Add("role", "没有这个角色", "No such role");
    }
}

internal sealed record InvitationDto(
    Guid Id,
    Guid UserId,
    string UserName,
    string DisplayName,
    string[] Roles,
    DateTimeOffset ExpiresAt,
    string Status
);

/// <summary>
/// /api/v1/invitations: an account without a password, its role, and a one-time code sent by SMS
/// and e-mail (outbox) to choose the password (POST /api/v1/invitations/accept). The platform admin
/// invites a company's (or regulator's) first manager; managers invite staff; a steward invites an
/// owner of a unit in their zone. Nobody invites into a role above their own (Roles.MayGrant) or
/// outside their scope.
/// </summary>
internal static class Invitations
{
    private static readonly string[] Inviters = [Roles.CompanyManager, Roles.ProjectManager, Roles.Steward];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/invitations").WithTags("Invitations");
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, clock, page, pageSize, ct))
            )
            .RequireRoles(Inviters)
            .WithSummary("Invitations I sent or of accounts in my scope: pending, accepted or expired");

        g.MapPost("/", async Task<Created<InvitationDto>> (WuyeDb db, Accounts accounts, InvitationInput body, CancellationToken ct) =>
            {
                var role = Roles.Find(body.Role!)!;
                AssignRole.AssignRole.Target target;
                if (role.Code == Roles.Regulator)
                {
                    if (!db.Scope.IsGlobal)
                        throw new ForbiddenException("只有平台管理员可以邀请主管部门人员", "Only a platform admin invites regulator staff");
                    if (body.RegulatorId is not { } rid || !await db.Set<Regulator>().AnyAsync(r => r.Id == rid, ct))
                        throw ValidationException.For("regulatorId", "请选择主管部门", "Choose the regulator");
                    target = new(Roles.RoleLevel.Regulator, null, null, null, null);
                }
                else
                {
                    if (
                        role.Code == Roles.PlatformAdmin
                            ? !db.Scope.IsGlobal
                            : body.CompanyId is null && body.ProjectId is null && body.ZoneId is null && body.UnitId is null
                    )
                        throw ValidationException.For(
                            "companyId",
                            "请选择授权范围（公司、项目、片区或房屋）",
                            "Choose the scope: company, project, zone or unit"
                        );
                    target = await AssignRole.AssignRole.TargetAsync(
                        db,
                        new RoleGrantInput(null, role.Code, body.CompanyId, body.ProjectId, body.ZoneId, body.UnitId),
                        ct
                    );
                    var fits =
                        role.Code == Roles.Owner
                            ? target.Level == Roles.RoleLevel.Unit
                            : (int)target.Level >= (int)role.Level && target.Level != Roles.RoleLevel.Unit;
                    if (!fits)
                        throw ValidationException.For("role", $"{role.Zh}不能授予在这一层级", $"{role.En} cannot be granted at that level");
                    if (
                        !db.Scope.IsGlobal
                        && !db.Scope.Grants.Any(gr =>
                            Roles.MayGrant(gr.Role, role.Code)
                            && gr.Covers(target.Company!.Value, target.Project, target.Zone)
                            && (gr.Role != Roles.ProjectManager || gr.Zone is null)
                        )
                    )
                        throw new ForbiddenException(
                            "不能在自己的管辖范围之外邀请，也不能授予高于自己的角色",
                            "You may not invite outside your scope, nor into a role above your own"
                        );
                }
                var userName = string.IsNullOrWhiteSpace(body.Mobile) ? body.Email!.Trim() : body.Mobile.Trim();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var (user, invitation) = await accounts.InviteAsync(
                    userName,
                    body.DisplayName!,
                    body.Mobile,
                    body.Email,
                    target.Company,
                    ct
                );
                db.RoleAssignments.Add(
                    new RoleAssignment
                    {
                        UserId = user.Id,
                        Role = role.Code,
                        RegulatorId = role.Code == Roles.Regulator ? body.RegulatorId : null,
                        CompanyId = target.Company,
                        ProjectId = target.Project,
                        ZoneId = target.Zone,
                        UnitId = target.Unit,
                    }
                );
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                ScopeResolver.Invalidate();
                return TypedResults.Created(
                    $"/api/v1/invitations/{invitation.Id}",
                    new InvitationDto(
                        invitation.Id,
                        user.Id,
                        user.UserName!,
                        user.DisplayName,
                        [role.Code],
                        invitation.ExpiresAt,
                        "pending"
                    )
                );
            })
            .RequireRoles(Inviters)
            .WithSummary("Invite a person: an account with a role, and a one-time code sent to their mobile or e-mail");
    }

    /// <summary>The invitations the caller sent, or of accounts in their scope, newest first.</summary>
    internal static async Task<Paged<InvitationDto>> ListAsync(
        WuyeDb db,
        TimeProvider clock,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var me = db.Scope.UserId;
        var visible = UserEndpoints.Visible(db).Select(u => u.Id);
        var now = clock.GetUtcNow();
        var paged = await (
            from i in db.Set<Invitation>().AsNoTracking()
            join u in db.Users on i.UserId equals u.Id
            where i.InvitedBy == me || visible.Contains(i.UserId)
            orderby i.CreatedAt descending, i.Id
            select new
            {
                i.Id,
                i.UserId,
                u.UserName,
                u.DisplayName,
                i.ExpiresAt,
                i.AcceptedAt,
            }
        ).ToPagedAsync(page, pageSize, ct);
        var ids = paged.Items.Select(i => i.UserId).ToList();
        var roles = (
            await db
                .RoleAssignments.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(r => ids.Contains(r.UserId))
                .Select(r => new
                {
                    r.UserId,
                    r.Role,
                    r.CompanyId,
                })
                .ToListAsync(ct)
        )
            // Only the roles held with the caller's own companies: a job elsewhere is not theirs to see.
            .Where(r => db.Scope.IsGlobal || r.CompanyId is { } c && db.Scope.StaffCompanies.Contains(c))
            .ToLookup(r => r.UserId, r => r.Role);
        return new Paged<InvitationDto>(
            [
                .. paged.Items.Select(i => new InvitationDto(
                    i.Id,
                    i.UserId,
                    i.UserName!,
                    i.DisplayName,
                    [.. roles[i.UserId].Distinct()],
                    i.ExpiresAt,
                    i.AcceptedAt is not null ? "accepted"
                        : i.ExpiresAt <= now ? "expired"
                        : "pending"
                )),
            ],
            paged.Page,
            paged.PageSize,
            paged.Total
        );
    }
}
