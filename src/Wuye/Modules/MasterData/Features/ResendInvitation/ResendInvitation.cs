using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Features.Invitations;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ResendInvitation;

/// <summary>
/// POST /api/v1/invitations/{id}/resend: a new code for an invitation not yet accepted (expired or
/// lost), sent again by SMS and e-mail; the earlier codes of the account stop working. Only for the
/// invitations the caller sent or of accounts in their scope.
/// </summary>
internal static class ResendInvitation
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/invitations/{id:guid}/resend",
                async Task<Results<Created<InvitationDto>, NotFound>> (
                    WuyeDb db,
                    Accounts accounts,
                    TimeProvider clock,
                    Guid id,
                    CancellationToken ct
                ) =>
                {
                    var me = db.Scope.UserId;
                    var global = db.Scope.IsGlobal;
                    var visible = UserEndpoints.Visible(db).Select(u => u.Id);
                    var old = await db.Set<Invitation>()
                        .FirstOrDefaultAsync(i => i.Id == id && (global || i.InvitedBy == me || visible.Contains(i.UserId)), ct);
                    if (old is null)
                        return TypedResults.NotFound();
                    var user = await db.Users.FirstAsync(u => u.Id == old.UserId, ct);
                    if (old.AcceptedAt is not null || user.PasswordHash is not null)
                        throw new RuleException("invitation.accepted", "邀请已接受，无需重新发送", "The invitation was accepted already");
                    if (user.DisabledAt is not null)
                        throw new RuleException("invitation.disabled", "该账号已停用", "This account has been disabled");
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var invitation = await accounts.NewInvitationAsync(user, ct);
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                    var roles = await db
                        .RoleAssignments.IgnoreQueryFilters()
                        .AsNoTracking()
                        .Where(r => r.UserId == user.Id)
                        .Select(r => r.Role)
                        .Distinct()
                        .OrderBy(r => r)
                        .ToArrayAsync(ct);
                    return TypedResults.Created(
                        $"/api/v1/invitations/{invitation.Id}",
                        new InvitationDto(invitation.Id, user.Id, user.UserName!, user.DisplayName, roles, invitation.ExpiresAt, "pending")
                    );
                }
            )
            .RequireRoles(Roles.CompanyManager, Roles.ProjectManager, Roles.Steward)
            .WithTags("Invitations")
            .WithSummary("Send an invitation again with a new code (the earlier codes stop working)");
    }
}
