using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

internal enum PaymentMethod
{
    Cash,
    Transfer,
    Online,

    /// <summary>减免: a credit note from an approved <see cref="FeeAdjustment"/>; no money moved.</summary>
    CreditNote,

    /// <summary>退款: money paid back from a payment's credit (a negative receipt, <see cref="Payment.RefundOfPaymentId"/>).</summary>
    Refund,
}

/// <summary>
/// 缴费 with its numbered receipt (收据). The amount goes to the unit's oldest open lines first
/// (<see cref="Allocate"/>); what is left is held as credit (预存) for the next bills.
/// </summary>
internal sealed class Payment : Entity, IScoped
{
    public const decimal MaxAmount = 10_000_000m;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public required string ReceiptNumber { get; set; }
    public PaymentMethod Method { get; set; }
    public decimal Amount { get; set; }

    /// <summary>What of <see cref="Amount"/> has gone to bills or been refunded; the rest is the unit's credit. A refund's
    /// own row has Amount = Allocated = minus the sum refunded, so the unit's credit (Σ Amount − Allocated) counts it once.</summary>
    public decimal Allocated { get; set; }
    public DateTimeOffset PaidAt { get; set; }
    public Guid? ReceivedByUserId { get; set; }
    public required string ReceivedByName { get; set; }
    public string? Note { get; set; }

    /// <summary>The desk form's one-time key: a second submit of the same form finds this payment instead of booking another.</summary>
    public Guid? RequestKey { get; set; }

    public decimal Credit => Amount - Allocated;

    /// <summary>The payment a refund pays back from (its row is a negative receipt).</summary>
    public Guid? RefundOfPaymentId { get; set; }

    /// <summary>
    /// Pays back <paramref name="amount"/> of what this payment still holds as credit: never more than that (what went to
    /// bills is not refunded here; a wrong bill is reduced by a credit note first). Answers the refund's negative receipt row.
    /// </summary>
    public Payment Refund(decimal amount, string receiptNumber, string reason, Guid? userId, string userName, DateTimeOffset at)
    {
        if (Method is not (PaymentMethod.Cash or PaymentMethod.Transfer or PaymentMethod.Online))
            throw new RuleException(
                "payment.not_refundable",
                "只有现金、转账和在线缴费可以退款",
                "Only cash, transfer and online payments can be refunded"
            );
        if (amount <= 0 || amount != Math.Round(amount, 2))
            throw ValidationException.For("amount", "退款金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
        if (amount > Credit)
            throw new RuleException(
                "payment.refund_more_than_held",
                $"退款金额超过该笔缴费尚未冲抵账单的余额 ¥{Money.Text(Credit)}",
                $"The refund is more than this payment still holds (¥{Money.Text(Credit)}, the rest went to bills)"
            );
        Allocated += amount;
        return RefundRow(amount, receiptNumber, reason, userId, userName, at);
    }

    /// <summary>
    /// Pays back <paramref name="amount"/> of what this payment paid to a one-off bill that is a deposit (装修押金退还): never more
    /// than it <paramref name="collected"/> for that bill less what was <paramref name="refunded"/> of it before. The bill stays
    /// paid (the deposit was collected); the negative receipt names this payment.
    /// </summary>
    public Payment RefundCollected(
        decimal amount,
        decimal collected,
        decimal refunded,
        string receiptNumber,
        string reason,
        Guid? userId,
        string userName,
        DateTimeOffset at
    )
    {
        if (amount <= 0 || amount != Math.Round(amount, 2))
            throw ValidationException.For("amount", "退款金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
        if (amount > collected - refunded)
            throw new RuleException(
                "payment.refund_more_than_collected",
                $"退款金额超过可退余额 ¥{Money.Text(collected - refunded)}",
                $"The refund is more than what is left to refund (¥{Money.Text(collected - refunded)})"
            );
        return RefundRow(amount, receiptNumber, reason, userId, userName, at);
    }

    /// <summary>The negative receipt paying back <paramref name="amount"/> of this payment: Amount = Allocated = −amount, so the
    /// unit's credit (Σ Amount − Allocated) counts the refund once.</summary>
    private Payment RefundRow(decimal amount, string receiptNumber, string reason, Guid? userId, string userName, DateTimeOffset at) =>
        new()
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ZoneId = ZoneId,
            UnitId = UnitId,
            ReceiptNumber = receiptNumber,
            Method = PaymentMethod.Refund,
            Amount = -amount,
            Allocated = -amount,
            PaidAt = at,
            ReceivedByUserId = userId,
            ReceivedByName = userName,
            Note = reason,
            RefundOfPaymentId = Id,
        };

    public static void CheckAmount(decimal amount)
    {
        if (amount <= 0)
            throw ValidationException.For("amount", "缴费金额应大于 0", "The amount must be more than 0");
        if (amount != Math.Round(amount, 2))
            throw ValidationException.For("amount", "金额精确到分", "The amount is to the fen (2 decimals)");
        if (amount > MaxAmount)
            throw ValidationException.For("amount", "金额过大", "The amount is too large");
    }

    /// <summary>
    /// Pays the open lines oldest first (due date, then period, then the bill's order) from this
    /// payment's unallocated amount; returns the allocations made. Lines and their bills are updated.
    /// </summary>
    public List<PaymentAllocation> Allocate(IEnumerable<(Bill Bill, BillLine Line)> open, DateTimeOffset at)
    {
        var made = new List<PaymentAllocation>();
        foreach (var (bill, line) in open.OrderBy(x => x.Line.DueDate).ThenBy(x => x.Line.Period).ThenBy(x => x.Line.Seq))
        {
            var left = Credit;
            if (left <= 0)
                break;
            var owed = line.Outstanding;
            if (owed <= 0)
                continue;
            var pay = Math.Min(left, owed);
            line.Paid += pay;
            bill.Receive(pay, at);
            Allocated += pay;
            made.Add(
                new PaymentAllocation
                {
                    CompanyId = CompanyId,
                    ProjectId = ProjectId,
                    ZoneId = ZoneId,
                    UnitId = UnitId,
                    PaymentId = Id,
                    BillId = bill.Id,
                    BillLineId = line.Id,
                    BillPeriod = line.Period,
                    Amount = pay,
                    At = at,
                    CreditNote = Method == PaymentMethod.CreditNote,
                }
            );
        }
        return made;
    }
}

/// <summary>The part of a payment that went to one bill line, and when (the collection rates count these).</summary>
internal sealed class PaymentAllocation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid PaymentId { get; set; }
    public Guid BillId { get; set; }
    public Guid BillLineId { get; set; }

    /// <summary>The period of the bill paid (yyyyMM).</summary>
    public int BillPeriod { get; set; }
    public decimal Amount { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Settled by a credit note (减免), not collected: the collection rates leave it out.</summary>
    public bool CreditNote { get; set; }
}

/// <summary>
/// 收据号: "SK" + the China date + the company's receipt count (SK20261203000042). Refunds (TK…) take their numbers from the same
/// counter, so the company's SK and TK numbers together are gapless; SK numbers alone skip the refunds'.
/// </summary>
internal static class ReceiptNumbers
{
    public static string Format(DateTimeOffset at, long seq) =>
        "SK" + Wuye.Platform.Web.ChinaTime.ToChina(at).ToString("yyyyMMdd") + seq.ToString("D6");
}

/// <summary>
/// The last receipt number a company has issued. Taken in the payment's transaction (the row stays locked until it commits),
/// so numbers follow each other without gaps: a payment that fails or rolls back gives its number back.
/// A working counter, not a business record (not audited).
/// </summary>
internal sealed class ReceiptCounter
{
    public Guid CompanyId { get; set; }
    public long LastNumber { get; set; }

    public static Task<long> NextAsync(WuyeDb db, Guid companyId, CancellationToken ct) => TakeAsync(db, companyId, 1, ct);

    /// <summary>Takes <paramref name="count"/> numbers at once and answers the last of them.</summary>
    public static async Task<long> TakeAsync(WuyeDb db, Guid companyId, int count, CancellationToken ct) =>
        (
            await db
                .Database.SqlQuery<long>(
                    $"""
                    insert into fees.receipt_counter as c (company_id, last_number) values ({companyId}, {(long)count})
                    on conflict (company_id) do update set last_number = c.last_number + {(long)count}
                    returning c.last_number as "Value"
                    """
                )
                .ToListAsync(ct)
        ).Single();
}
