using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.FeeHomeTasks;

/// <summary>
/// An owner's bills to pay; for the fee staff, the households in arrears (past due and unpaid) of
/// their places, which the arrears page lists oldest and largest first.
/// </summary>
internal sealed class FeeHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        if (role == Roles.Owner)
            return
            [
                new(
                    Loc.T("待缴账单", "Bills to pay"),
                    await db.Set<Bill>().AsNoTracking().CountAsync(b => b.Paid < b.Amount, ct),
                    "/portal/bills",
                    Urgent: await db.Set<Bill>().AsNoTracking().AnyAsync(b => b.Paid < b.Amount && b.DueDate < today, ct)
                ),
            ];
        if (!FeeRoles.Readers.Contains(role))
            return [];
        var households = await db.Set<Bill>()
            .AsNoTracking()
            .Where(b => b.Paid < b.Amount && b.DueDate < today)
            .Select(b => b.UnitId)
            .Distinct()
            .CountAsync(ct);
        var tasks = new List<HomeTask> { new(Loc.T("欠费户数", "Households in arrears"), households, "/fees/arrears") };
        if (role == Roles.Steward)
        {
            // The visits of their zones (or shared by the project's stewards) still to be made: one per household.
            var owed = db.Set<Bill>().Where(b => b.Paid < b.Amount).Select(b => b.Id);
            var me = scope.UserId;
            var visits = await db.Set<ArrearsReminder>()
                .AsNoTracking()
                .Where(r =>
                    r.Step == ReminderStep.Visit
                    && r.Outcome == null
                    && owed.Contains(r.BillId)
                    && (r.StewardUserId == null || r.StewardUserId == me)
                )
                .Select(r => r.UnitId)
                .Distinct()
                .CountAsync(ct);
            tasks.Insert(0, new(Loc.T("上门催缴", "Arrears visits"), visits, "/fees/visits", Urgent: visits > 0));
        }
        if (FeeRoles.Managers.Contains(role))
            tasks.Add(
                new(
                    Loc.T("待审批减免", "Fee reductions to approve"),
                    await db.Set<FeeAdjustment>()
                        .AsNoTracking()
                        .CountAsync(a => a.Status == AdjustmentStatus.Pending && a.RequestedByUserId != scope.UserId, ct),
                    "/fees/adjustments"
                )
            );
        return tasks;
    }
}
