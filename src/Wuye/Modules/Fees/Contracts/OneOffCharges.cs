namespace Wuye.Modules.Fees.Contracts;

/// <summary>A money document fees issued for another module's flow: the receipt (SK…) or the refund's negative receipt (TK…).</summary>
public sealed record FeeReceipt(Guid PaymentId, string ReceiptNumber, decimal Amount);

/// <summary>
/// One-off charges other modules raise on a home (装修押金 from the renovation): the bill of the project's one-off fee item
/// of that name, one per source record, collected at the desk and, for a deposit, refunded. Each call joins the caller's
/// transaction, so the caller's step and the money are written together or not at all.
/// </summary>
public interface IOneOffCharges
{
    /// <summary>
    /// Raises the one-off bill of <paramref name="feeName"/> (a one-off fee item of the home's project) for
    /// <paramref name="sourceId"/> once, and books its payment at the desk (cash) to that bill only; a second call for the same
    /// source answers the same receipt. Refused (a rule error telling what to set up) when the project has no such item.
    /// </summary>
    Task<FeeReceipt> CollectAsync(Guid unitId, Guid sourceId, string feeName, decimal amount, CancellationToken ct);

    /// <summary>
    /// Pays back <paramref name="amount"/> of what the source's bill collected (a negative receipt); null when nothing was
    /// collected through fees for the source (a deposit taken before fees kept it) or the amount is zero.
    /// </summary>
    Task<FeeReceipt?> RefundAsync(Guid sourceId, decimal amount, string reason, CancellationToken ct);
}
