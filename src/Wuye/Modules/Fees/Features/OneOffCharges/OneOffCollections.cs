using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Contracts;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.OneOffCharges;

/// <summary>The one-off charges of other modules' flows (<see cref="IOneOffCharges"/>): raised, collected at the desk, refunded.</summary>
internal sealed class OneOffCollections(WuyeDb db, TimeProvider clock, UserNames names, OneOffChargesHandler charges) : IOneOffCharges
{
    public async Task<FeeReceipt> CollectAsync(Guid unitId, Guid sourceId, string feeName, decimal amount, CancellationToken ct)
    {
        var projectId = await db.UnitRefs().Where(u => u.Id == unitId).Select(u => (Guid?)u.ProjectId).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
        var itemId = await db.Set<FeeItem>()
            .Where(i => i.ProjectId == projectId && i.Name == feeName && i.Kind == FeeKind.OneOff && i.ArchivedAt == null)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(ct)
            ?? throw new RuleException(
                "fees.no_one_off_item",
                $"本项目还没有在用的一次性收费项目“{feeName}”，请先在“收费项目”中添加",
                $"The project has no one-off fee item \"{feeName}\" in use; add it under Fee items first"
            );
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var bill = await charges.ChargeAsync(new NewOneOffCharge(unitId, itemId, null, amount), sourceId, false, ct);
        var paidBy = await PayingAsync(bill.Id, ct);
        if (paidBy is not null)
        {
            await tx.CommitAsync(ct);
            return new(paidBy.Id, paidBy.ReceiptNumber, paidBy.Amount);
        }
        var now = clock.GetUtcNow();
        var userId = db.Scope.UserId;
        var by = userId is { } id ? await names.NameAsync(id, ct) ?? "?" : Loc.T("系统", "System");
        var seq = await ReceiptCounter.NextAsync(db, bill.CompanyId, ct);
        var payment = new Payment
        {
            CompanyId = bill.CompanyId,
            ProjectId = bill.ProjectId,
            ZoneId = bill.ZoneId,
            UnitId = bill.UnitId,
            ReceiptNumber = ReceiptNumbers.Format(now, seq),
            Method = PaymentMethod.Cash,
            Amount = bill.Outstanding,
            PaidAt = now,
            ReceivedByUserId = userId,
            ReceivedByName = by,
            Note = feeName,
        };
        // Paid to this bill only: a deposit is not put on the home's older arrears.
        db.Add(payment);
        db.AddRange(payment.Allocate(bill.Lines.Select(l => (bill, l)), now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(payment.Id, payment.ReceiptNumber, payment.Amount);
    }

    public async Task<FeeReceipt?> RefundAsync(Guid sourceId, decimal amount, string reason, CancellationToken ct)
    {
        if (amount <= 0)
            return null;
        var bill = await db.Set<Bill>().AsNoTracking().FirstOrDefaultAsync(b => b.SourceId == sourceId, ct);
        if (bill is null)
            return null;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var paidBy = await PayingAsync(bill.Id, ct);
        if (paidBy is null)
            return null;
        // The counter before the payment's row, in the order every booking takes them (no deadlock with a booking at once).
        var seq = await ReceiptCounter.NextAsync(db, bill.CompanyId, ct);
        await db.Database.ExecuteSqlAsync($"select 1 from fees.payment where id = {paidBy.Id} for update", ct);
        var collected = await db.Set<PaymentAllocation>()
            .Where(a => a.BillId == bill.Id && a.PaymentId == paidBy.Id && !a.CreditNote)
            .SumAsync(a => a.Amount, ct);
        var refunded = -await db.Set<Payment>()
            .Where(p => p.RefundOfPaymentId == paidBy.Id && p.Method == PaymentMethod.Refund)
            .SumAsync(p => p.Amount, ct);
        var now = clock.GetUtcNow();
        var userId = db.Scope.UserId;
        var by = userId is { } id ? await names.NameAsync(id, ct) ?? "?" : Loc.T("系统", "System");
        var refund = paidBy.RefundCollected(
            amount,
            collected,
            refunded,
            "TK" + ReceiptNumbers.Format(now, seq)[2..],
            reason,
            userId,
            by,
            now
        );
        db.Add(refund);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(refund.Id, refund.ReceiptNumber, refund.Amount);
    }

    /// <summary>The (first) payment that paid the bill, not a credit note.</summary>
    private async Task<Payment?> PayingAsync(Guid billId, CancellationToken ct)
    {
        var allocations = db.Set<PaymentAllocation>().Where(a => a.BillId == billId && !a.CreditNote);
        return await db.Set<Payment>()
            .Where(p => allocations.Any(a => a.PaymentId == p.Id))
            .OrderBy(p => p.PaidAt)
            .ThenBy(p => p.Id)
            .FirstOrDefaultAsync(ct);
    }
}
