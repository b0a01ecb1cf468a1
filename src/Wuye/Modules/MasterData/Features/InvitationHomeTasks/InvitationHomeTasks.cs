using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.InvitationHomeTasks;

/// <summary>
/// What waits on the invitations a user sent (managers, stewards, the platform admin): the ones
/// the invited person has not answered yet, and the ones that expired unanswered and were not sent
/// again (to send again on /invitations).
/// </summary>
internal sealed class InvitationHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    private static readonly string[] Inviters = [Roles.PlatformAdmin, Roles.CompanyManager, Roles.ProjectManager, Roles.Steward];

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (!Inviters.Contains(role) || scope.UserId is not { } me)
            return [];
        var now = clock.GetUtcNow();
        var invitations = db.Set<Invitation>().AsNoTracking();
        var open = invitations.Where(i =>
            i.InvitedBy == me
            && i.AcceptedAt == null
            && !invitations.Any(later => later.UserId == i.UserId && later.CreatedAt > i.CreatedAt)
        );
        return
        [
            new(
                Loc.T("我发出的邀请待对方接受", "My invitations not yet accepted"),
                await open.CountAsync(i => i.ExpiresAt > now, ct),
                "/invitations"
            ),
            new(
                Loc.T("我发出的邀请已过期，需重新发送", "My invitations that expired: send them again"),
                await open.CountAsync(i => i.ExpiresAt <= now, ct),
                "/invitations",
                Urgent: true
            ),
        ];
    }
}
