using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.RefundPayment;

internal sealed record NewRefund(decimal? Amount, string? Reason) : IValidatable
{
    public const int ReasonMax = 200;

    public void Validate(Validator v)
    {
        v.Required("amount", Amount, "退款金额", "Amount")
            .Required("reason", Reason, "退款原因", "Reason")
            .MaxLength("reason", Reason, ReasonMax, "退款原因", "Reason");
        if (Amount is { } a && (a <= 0 || a > Payment.MaxAmount || a != Math.Round(a, 2)))
            v.Add("amount", "退款金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
    }
}

/// <summary>
/// POST /payments/{id}/refund: a project or company manager pays back part of what a payment still holds as credit (预存退款),
/// never more; an online payment is refunded through the gateway to the owner's account first (refused or unanswered, nothing
/// is booked); the refund is a negative receipt (TK + China date + id) naming the payment, in the audit history like every
/// change. What went to bills is not refunded here (a wrong bill is reduced by a credit note, then its money is credit).
/// </summary>
internal sealed class RefundPaymentHandler(WuyeDb db, TimeProvider clock, UserNames names, PaymentGateway gateway)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Payments(api)
            .MapPost("/{id:guid}/refund", async (RefundPaymentHandler h, Guid id, NewRefund body, CancellationToken ct) =>
            {
                var refund = await h.HandleAsync(id, body, ct);
                return TypedResults.Created($"/api/v1/receipts/{refund.Id}", await ReceiptQueries.ReceiptAsync(h.Db, refund.Id, ct));
            })
            .RequireRoles(FeeRoles.Managers)
            .WithSummary("Refund part of what a payment still holds as credit: a negative receipt; never more than it holds");

    public WuyeDb Db => db;

    public async Task<Payment> HandleAsync(Guid paymentId, NewRefund input, CancellationToken ct)
    {
        Validator.Check(input);
        var userId = db.Scope.UserId ?? throw new RuleException("payment.no_user", "请先登录", "Sign in first");
        var name = await names.NameAsync(userId, ct) ?? "?";
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var companyId = await db.Set<Payment>().Where(p => p.Id == paymentId).Select(p => (Guid?)p.CompanyId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException("payment");
        // Numbered from the company's receipt counter (locked, gap-free, given back on a rollback), as the receipts are: one
        // series of money documents, a refund's with the TK prefix. The counter is taken before the payment's row, in the order
        // every booking takes them (counter, then payments), so a refund and a booking at once cannot deadlock.
        var seq = await ReceiptCounter.NextAsync(db, companyId, ct);
        // The payment's row is locked: two refunds at once cannot both take the same credit, nor a new bill take it meanwhile.
        await db.Database.ExecuteSqlAsync($"select 1 from fees.payment where id = {paymentId} for update", ct);
        var payment = await db.Set<Payment>().FirstOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw new NotFoundException("payment");
        var number = "TK" + ReceiptNumbers.Format(now, seq)[2..];
        var refund = payment.Refund(input.Amount!.Value, number, input.Reason!.Trim(), userId, name, now);
        if (payment.Method == PaymentMethod.Online)
            refund.Note = await ThroughGatewayAsync(payment, refund, ct);
        db.Add(refund);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return refund;
    }

    /// <summary>
    /// An online payment goes back the way it came: the gateway refunds it to the owner's account before the negative receipt is
    /// booked (under the receipt's number, so the gateway pays it once); refused or unanswered, nothing is booked. Answers the
    /// receipt's note with the gateway's refund id.
    /// </summary>
    private async Task<string> ThroughGatewayAsync(Payment payment, Payment refund, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.PaymentId == payment.Id, ct);
        if (order is null || !gateway.Configured)
            throw new RuleException(
                "payment.gateway_unavailable",
                "支付平台未配置或找不到原支付订单，在线缴费不能退款",
                "The payment gateway is not set up or the payment's order is missing; an online payment cannot be refunded"
            );
        var (refundId, refusal) = await gateway.RefundAsync(order, refund.ReceiptNumber, (long)(-refund.Amount * 100m), refund.Note!, ct);
        if (refundId is null)
            throw refusal is null
                ? new RuleException(
                    "payment.gateway_unavailable",
                    "支付平台没有应答，未退款，请稍后再试",
                    "The payment gateway did not answer; nothing was refunded. Try again later"
                )
                : new RuleException(
                    "payment.gateway_refused",
                    $"支付平台拒绝退款（{refusal}），未退款",
                    $"The payment gateway refused the refund ({refusal}); nothing was refunded"
                );
        var note = $"{refund.Note}（退款单号 {refundId}）";
        return note.Length > 200 ? note[..200] : note;
    }
}
