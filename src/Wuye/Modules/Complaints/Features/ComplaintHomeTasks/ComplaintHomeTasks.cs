using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ComplaintHomeTasks;

/// <summary>
/// What waits in the complaint loop: the complaints the user owns as first responder, those past
/// their promised reply, and those past it without a root cause (the daily review asks for one).
/// </summary>
internal sealed class ComplaintHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role == Roles.Owner)
            return
            [
                new(
                    Loc.T("我的投诉处理中", "My complaints in hand"),
                    await db.Set<Complaint>().AsNoTracking().CountAsync(c => c.Status == ComplaintStatus.Open, ct),
                    "/portal/complaints"
                ),
            ];
        // Any staff member a complaint can be handed to (the guard, a technician…) finds the ones he owns here.
        if (!ComplaintRoles.Handlers.Contains(role))
            return [];
        var now = clock.GetUtcNow();
        var open = db.Set<Complaint>().AsNoTracking().Where(c => c.Status == ComplaintStatus.Open);
        var me = scope.UserId;
        var mine = new HomeTask(
            Loc.T("我负责的投诉", "Complaints I own"),
            await open.CountAsync(c => c.OwnerStaffId == me, ct),
            "/complaints?mine=true"
        );
        if (!ComplaintRoles.HomeTaskHolders.Contains(role))
            return [mine];
        return
        [
            mine,
            new(
                Loc.T("已超过答复承诺的投诉", "Complaints past their promised reply"),
                await open.CountAsync(c => c.ReplyDueAt < now, ct),
                "/complaints?overdue=true",
                Urgent: true
            ),
            new(
                Loc.T("超期且未写根本原因", "Past promise without a root cause"),
                await open.CountAsync(c => c.ReplyDueAt < now && c.RootCause == null, ct),
                "/complaints/daily-review",
                Urgent: true
            ),
        ];
    }
}
