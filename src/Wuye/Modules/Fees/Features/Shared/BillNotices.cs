using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.Shared;

/// <summary>The bill notice (000#54) to the owners with an account of each bill's unit, by every channel they can be reached on.</summary>
internal sealed class BillNotices(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task SendAsync(Guid companyId, List<Bill> bills, CancellationToken ct)
    {
        var unitIds = bills.Select(b => b.UnitId).ToList();
        var today = DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime);
        var owners = await (
            from o in db.OccupantRefs()
            join p in db.PersonRefs() on o.PersonId equals p.Id
            where
                unitIds.Contains(o.UnitId)
                && o.Relation == OccupantRelation.Owner
                && p.UserId != null
                && (o.Until == null || o.Until >= today)
            select new { o.UnitId, UserId = p.UserId!.Value }
        ).ToListAsync(ct);
        var byUnit = owners.GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.Select(x => x.UserId).ToList());
        foreach (var b in bills)
        {
            if (!byUnit.TryGetValue(b.UnitId, out var users))
                continue;
            await notifier.NotifyAsync(
                users,
                companyId,
                b.Kind == BillKind.Periodic
                    ? Loc.T($"{Periods.Text(b.Period)} 物业账单", $"Bill for {Periods.Text(b.Period)}")
                    : Loc.T($"新账单：{b.Lines[0].FeeItemName}", $"New bill: {b.Lines[0].FeeItemName}"),
                Loc.T(
                    $"本期应缴 ¥{Money.Text(b.Amount)}，请于 {b.DueDate:yyyy-MM-dd} 前缴纳。明细见业主端“我的账单”。",
                    $"¥{Money.Text(b.Amount)} due by {b.DueDate:yyyy-MM-dd}. See My bills for the details."
                ),
                "/portal/bills",
                $"bill:{b.Id:N}",
                ct
            );
        }
    }
}
