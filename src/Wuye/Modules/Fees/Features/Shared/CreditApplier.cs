using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Features.Shared;

/// <summary>
/// Puts the units' unallocated payments (a new payment, or credit held from before) on their open
/// bill lines, oldest payment first and oldest line first; saves.
/// </summary>
internal sealed class CreditApplier(WuyeDb db)
{
    public async Task<List<PaymentAllocation>> ApplyAsync(Guid projectId, Guid[] unitIds, DateTimeOffset at, CancellationToken ct)
    {
        var payments = await db.Set<Payment>()
            .Where(p => p.ProjectId == projectId && unitIds.Contains(p.UnitId) && p.Allocated < p.Amount)
            .OrderBy(p => p.PaidAt)
            .ThenBy(p => p.Id)
            .ToListAsync(ct);
        if (payments.Count == 0)
            return [];
        var units = payments.Select(p => p.UnitId).Distinct().ToArray();
        var bills = await db.Set<Bill>().Include(b => b.Lines).Where(b => units.Contains(b.UnitId) && b.Paid < b.Amount).ToListAsync(ct);
        var made = new List<PaymentAllocation>();
        foreach (var p in payments)
        {
            var open = bills.Where(b => b.UnitId == p.UnitId).SelectMany(b => b.Lines.Select(l => (b, l)));
            made.AddRange(p.Allocate(open, at));
        }
        db.AddRange(made);
        await db.SaveChangesAsync(ct);
        return made;
    }
}
