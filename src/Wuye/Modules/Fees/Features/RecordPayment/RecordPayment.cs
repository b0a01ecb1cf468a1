using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.RecordPayment;

internal sealed record NewPayment(Guid? UnitId, decimal? Amount, PaymentMethod? Method, string? Note) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit")
            .Required("amount", Amount, "金额", "Amount")
            .Required("method", Method, "缴费方式", "Method")
            .MaxLength("note", Note, 200, "备注", "Note");
        if (Amount is { } a)
        {
            if (a <= 0)
                v.Add("amount", "缴费金额应大于 0", "The amount must be more than 0");
            else if (a > Payment.MaxAmount)
                v.Add("amount", "金额过大", "The amount is too large");
            else if (a != Math.Round(a, 2))
                v.Add("amount", "金额精确到分", "The amount is to the fen (2 decimals)");
        }
        if (Method == PaymentMethod.Online)
            v.Add(
                "method",
                "在线支付由支付平台通知入账，前台只收现金和转账",
                "Online payments are booked from the gateway; the desk takes cash and transfers"
            );
    }
}

/// <summary>
/// POST /payments: a payment at the desk (cash or transfer) with its numbered receipt. It pays the
/// unit's open lines oldest first; the rest is held as credit for the next bills. Send an
/// Idempotency-Key so a retried request never books the payment twice.
/// </summary>
internal sealed class RecordPaymentHandler(WuyeDb db, TimeProvider clock, UserNames names, CreditApplier credit)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Payments(api)
            .MapPost("/", async (RecordPaymentHandler handler, NewPayment body, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(body, ct);
                return TypedResults.Created($"/api/v1/receipts/{p.Id}", await ReceiptQueries.ReceiptAsync(handler.Db, p.Id, ct));
            })
            .RequireRoles(FeeRoles.Cashiers)
            .WithSummary(
                "Take a payment at the desk (cash or transfer): a numbered receipt; oldest lines paid first, the rest held as credit"
            );

    public WuyeDb Db => db;

    public async Task<Payment> HandleAsync(NewPayment input, CancellationToken ct, Guid? requestKey = null)
    {
        if (requestKey is { } key && await db.Set<Payment>().FirstOrDefaultAsync(p => p.RequestKey == key, ct) is { } done)
            return SameRequest(done, input) ? done : throw KeyReused();
        var unit = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.Id == input.UnitId)
            .Select(u => new
            {
                u.Id,
                u.CompanyId,
                u.ProjectId,
                u.ZoneId,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
        var now = clock.GetUtcNow();
        var userId = db.Scope.UserId;
        var receivedBy = userId is { } id ? await names.NameAsync(id, ct) ?? "?" : Loc.T("系统", "System");
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The company's next receipt number, taken in this transaction: a payment that rolls back gives its number back.
        var seq = await ReceiptCounter.NextAsync(db, unit.CompanyId, ct);
        var payment = new Payment
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            ReceiptNumber = ReceiptNumbers.Format(now, seq),
            Method = input.Method!.Value,
            Amount = input.Amount!.Value,
            PaidAt = now,
            ReceivedByUserId = userId,
            ReceivedByName = receivedBy,
            Note = NoteOf(input),
            RequestKey = requestKey,
        };
        db.Add(payment);
        await db.SaveChangesAsync(ct);
        await credit.ApplyAsync(unit.ProjectId, [unit.Id], now, ct);
        await tx.CommitAsync(ct);
        return payment;
    }

    private static string? NoteOf(NewPayment input) => input.Note?.Trim() is { Length: > 0 } n ? n : null;

    private static bool SameRequest(Payment p, NewPayment input) =>
        p.UnitId == input.UnitId && p.Amount == input.Amount && p.Method == input.Method && p.Note == NoteOf(input);

    private static RuleException KeyReused() =>
        new(
            "payment.key_reused",
            "这张收款单已用不同的内容提交过，请刷新后重新填写",
            "This payment form was already sent with other details; reload it and fill it in again"
        );
}
