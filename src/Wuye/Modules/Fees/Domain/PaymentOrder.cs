using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Fees.Domain;

internal enum PaymentOrderStatus
{
    /// <summary>Sent to the gateway; the owner is paying (or gave up).</summary>
    Pending,

    /// <summary>The gateway's signed notification came: a payment with its receipt was booked.</summary>
    Paid,

    /// <summary>The gateway refused the order or reported the payment failed.</summary>
    Failed,
}

/// <summary>
/// 支付订单: an owner's online payment of a bill's open amount through the gateway (商户订单号 <see cref="OrderNumber"/>).
/// Paid only by the gateway's notification whose signature and amount check out, once: the gateway's transaction id is
/// unique, and a repeated notification finds the order already paid.
/// </summary>
internal sealed class PaymentOrder : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid BillId { get; set; }
    public required string OrderNumber { get; set; }
    public required string Gateway { get; set; }
    public decimal Amount { get; set; }
    public PaymentOrderStatus Status { get; set; }
    public string? PayUrl { get; set; }
    public string? TransactionId { get; set; }
    public Guid? PaymentId { get; set; }
    public Guid? RequestedByUserId { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? FailReason { get; set; }

    /// <summary>When the reconciling job last asked the gateway about it: the job asks the least recently asked first.</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>The amount in fen, as the gateway counts (an integer: no floating point on the way).</summary>
    public long Fen => (long)(Amount * 100m);
}
