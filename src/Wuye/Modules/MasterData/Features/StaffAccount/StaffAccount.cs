using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.AssignRole;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.StaffAccount;

/// <summary>The account given to a staff member: a user name (default their mobile number), and a one-time password or an invitation sent
/// to their mobile.</summary>
/// <summary>
/// Optionally with a role held at the staff member's company or project (a zone's with <c>zoneId</c>), granted in the same step.
/// </summary>
internal sealed record StaffAccountInput(string? UserName, bool? Invite, string? Role = null, Guid? ZoneId = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("userName", UserName, 50, "用户名", "User name");
        if (
            !string.IsNullOrWhiteSpace(Role)
            && Roles.Find(Role) is not { Level: Roles.RoleLevel.Company or Roles.RoleLevel.Project or Roles.RoleLevel.Zone }
        )
            v.Add("role", "员工账号只能授予公司、项目或片区的角色", "A staff account takes a company, project or zone role");
    }
}

internal sealed record StaffAccountDto(Guid StaffId, Guid UserId, string UserName, string? OneTimePassword, bool Invited, string? Role);

/// <summary>
/// POST /api/v1/staff/{id}/account: a company or project manager gives a staff record (own or a
/// vendor's) a sign-in. The account belongs to the staff member's company; its roles are then
/// granted with it (<c>role</c>, by the same rules as /api/v1/role-assignments: only a role the
/// manager may grant, Roles.MayGrant) or later through /api/v1/role-assignments. Archiving the staff record disables it.
/// </summary>
internal static class StaffAccount
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/staff/{id:guid}/account",
                async Task<Results<Created<StaffAccountDto>, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    Guid id,
                    StaffAccountInput body,
                    CancellationToken ct
                ) =>
                {
                    var staff = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.Id == id, ct);
                    if (staff is null)
                        return TypedResults.NotFound();
                    if (!db.Scope.CanWrite(staff.CompanyId, staff.ProjectId, null, null))
                        throw new ForbiddenException(
                            "只能为自己管理的公司或项目的员工开通账号",
                            "You may give accounts only to staff of the company or project you manage"
                        );
                    if (staff.ArchivedAt is not null)
                        throw new RuleException("staff.archived", "员工已归档，不能开通账号", "The staff member is archived");
                    if (staff.UserId is not null)
                        throw new RuleException("staff.has_account", "此员工已有账号", "This staff member already has an account");
                    var userName = string.IsNullOrWhiteSpace(body.UserName) ? staff.Phone : body.UserName.Trim();
                    if (string.IsNullOrWhiteSpace(userName))
                        throw ValidationException.For(
                            "userName",
                            "员工没有手机号，请填写用户名",
                            "The staff member has no mobile number: give a user name"
                        );
                    if (body.Invite == true && string.IsNullOrWhiteSpace(staff.Phone))
                        throw ValidationException.For(
                            "invite",
                            "员工没有手机号，无法发送邀请，请改用一次性密码",
                            "The staff member has no mobile number to invite: use a one-time password"
                        );
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    StaffAccountDto dto;
                    if (body.Invite == true)
                    {
                        var (user, _) = await accounts.InviteAsync(userName, staff.Name, staff.Phone, null, staff.CompanyId, ct);
                        staff.UserId = user.Id;
                        dto = new(staff.Id, user.Id, user.UserName!, null, true, null);
                    }
                    else
                    {
                        var (user, password) = await accounts.CreateWithPasswordAsync(
                            userName,
                            staff.Name,
                            staff.Phone,
                            staff.CompanyId,
                            ct
                        );
                        staff.UserId = user.Id;
                        dto = new(staff.Id, user.Id, user.UserName!, password, false, null);
                    }
                    await db.SaveChangesAsync(ct);
                    if (!string.IsNullOrWhiteSpace(body.Role))
                    {
                        // The grant's own checks (who may grant what, where); a refusal rolls the account back too.
                        var level = Roles.Find(body.Role)!.Level;
                        await AssignRole.AssignRole.GrantAsync(
                            db,
                            new RoleGrantInput(
                                dto.UserId,
                                body.Role,
                                staff.CompanyId,
                                level == Roles.RoleLevel.Company ? null : staff.ProjectId,
                                level == Roles.RoleLevel.Zone ? body.ZoneId : null,
                                null
                            ),
                            ct
                        );
                        dto = dto with { Role = body.Role };
                    }
                    await tx.CommitAsync(ct);
                    return TypedResults.Created($"/api/v1/users/{dto.UserId}", dto);
                }
            )
            .RequireRoles(Registers.Managers)
            .WithTags("Staff")
            .WithSummary("Give a staff member a sign-in: a one-time password (shown once) or an invitation by SMS; grant roles after");
    }
}
