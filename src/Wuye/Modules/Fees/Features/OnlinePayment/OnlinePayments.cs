using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.OnlinePayment;

internal sealed record NewOnlinePayment(Guid? BillId) : IValidatable
{
    public void Validate(Validator v) => v.Required("billId", BillId, "账单", "Bill");
}

internal sealed record PaymentOrderDto(
    string OrderNumber,
    Guid BillId,
    Guid UnitId,
    decimal Amount,
    PaymentOrderStatus Status,
    string? PayUrl,
    Guid? ReceiptId,
    string? ReceiptNumber,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt
);

/// <summary>
/// Online payment (在线缴费): POST /payments/online places an order for what a bill still asks at the gateway and answers
/// the cashier page to send the owner to; POST /payment-notifications/{gateway} is the gateway's asynchronous notification —
/// its signature verified, the order and amount checked, booked once per gateway transaction (a repeated notification is
/// acknowledged and changes nothing) as a payment with its numbered receipt, oldest lines first.
/// </summary>
internal sealed class OnlinePaymentsHandler(
    WuyeDb db,
    TimeProvider clock,
    PaymentGateway gateway,
    CreditApplier credit,
    Notifier notifier,
    ILogger<OnlinePaymentsHandler> log
)
{
    public static void Map(RouteGroupBuilder api)
    {
        var online = FeeApi.Payments(api).MapGroup("/online");
        online
            .MapPost("/", async (OnlinePaymentsHandler h, NewOnlinePayment body, CancellationToken ct) =>
            {
                var order = await h.StartAsync(body.BillId!.Value, BaseUrl(h.Gateway), ct);
                return TypedResults.Created($"/api/v1/payments/online/{order.OrderNumber}", Dto(order, null));
            })
            .RequireRoles(Roles.Owner)
            .WithSummary("Pay a bill online: places an order at the gateway for what the bill still asks; answers the cashier page");
        online
            .MapGet("/{orderNumber}", async (OnlinePaymentsHandler h, string orderNumber, CancellationToken ct) =>
                TypedResults.Ok(await h.OneAsync(orderNumber, ct))
            )
            .RequireRoles([.. FeeRoles.Readers, Roles.Owner])
            .WithSummary("An online payment order and its status; once paid, its receipt");
        api.MapPost(
                "/payment-notifications/{gateway}",
                async (HttpContext http, ScopeAccessor scopes, OnlinePaymentsHandler h, string gateway, CancellationToken ct) =>
                {
                    // The gateway calls without a user: the notification's signature is what proves it.
                    scopes.Scope = DataScope.System;
                    using var reader = new StreamReader(http.Request.Body);
                    var buffer = new char[65_537];
                    var read = await reader.ReadBlockAsync(buffer, ct);
                    var (ok, message) = await h.NotifyAsync(gateway, new string(buffer, 0, read), ct);
                    return Results.Content(
                        WeChatPayProtocol.Answer(ok, message),
                        "application/xml",
                        System.Text.Encoding.UTF8,
                        ok ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest
                    );
                }
            )
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Fees")
            .WithSummary(
                "The payment gateway's signed notification (WeChat Pay v2 XML): verified, amount checked, booked once per transaction"
            );
    }

    public PaymentGateway Gateway => gateway;

    /// <summary>The app's public address for the gateway's notification and the owner's way back: the setting only, never the
    /// request's Host header (a proxy's or a forged one would send the notification nowhere); required with an Endpoint.</summary>
    internal static string BaseUrl(PaymentGateway gateway) => gateway.Options.PublicBaseUrl?.TrimEnd('/') ?? "";

    public static string NotifyUrl(string baseUrl) => $"{baseUrl}/api/v1/payment-notifications/{WeChatPayProtocol.Name}";

    /// <summary>How long a new order may wait for the gateway's answer to its placing before it counts as given up.</summary>
    public static readonly TimeSpan Placing = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Places an order for what the bill still asks, or answers the bill's order that can still be paid. The gateway is called
    /// outside the bill's lock (up to 15 s a call): older orders are closed at the gateway first, then the new order is written
    /// under the lock, committed, and only then placed — desk payments and notifications for the bill never wait on the gateway.
    /// </summary>
    public async Task<PaymentOrder> StartAsync(Guid billId, string baseUrl, CancellationToken ct)
    {
        if (!gateway.Configured)
            throw new RuleException(
                "payment.online_off",
                "在线支付暂未开通，请到服务中心前台缴费",
                "Online payment is not available; pay at the service centre"
            );
        var bill = await db.Set<Bill>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == billId, ct)
            ?? throw ValidationException.For("billId", "账单不存在或无权访问", "Bill not found, or not yours");
        // Outside any lock: the orders to give up are closed at the gateway. An order placed at the gateway is given up only once
        // the gateway has closed it: one it will not close may have been paid meanwhile (ORDERPAID) and is booked by its
        // notification or the reconciling job, so the owner waits instead of paying twice.
        var closed = new HashSet<Guid>();
        var (live, old) = await PendingAsync(bill, ct);
        if (live is not null)
            return live;
        foreach (var o in old.Where(o => o.PayUrl is not null))
        {
            if (!await gateway.CloseAsync(o.OrderNumber, ct))
                throw OrderPending();
            closed.Add(o.Id);
        }
        db.ChangeTracker.Clear();

        var order = await WriteOrderAsync(billId, closed, ct);
        if (order.PayUrl is not null)
            return order; // Another tap placed one meanwhile: answered again.
        var label = await db.UnitLabels().Where(u => u.Id == order.UnitId).Select(u => u.Label).FirstOrDefaultAsync(ct) ?? "";
        // What the owner sees at the cashier: 物业费 for the month's bill, the item (水费, 装修押金) for a metered or one-off one.
        var what =
            bill.Kind == BillKind.Periodic
                ? "物业费"
                : await db.Set<BillLine>().Where(l => l.BillId == bill.Id).Select(l => l.FeeItemName).FirstOrDefaultAsync(ct) ?? "";
        var url = await gateway.PlaceAsync(
            order,
            $"{what} {Periods.Text(bill.Period)} {label}",
            NotifyUrl(baseUrl),
            $"{baseUrl}/portal/bills?order={order.OrderNumber}",
            ct
        );
        if (url is null)
        {
            order.Status = PaymentOrderStatus.Failed;
            order.FailReason = "gateway refused the order";
            await db.SaveChangesAsync(ct);
            throw new UnavailableException(
                "payment.gateway_unavailable",
                "支付平台暂时不可用，请稍后再试",
                "The payment gateway is not available; try again later"
            );
        }
        order.PayUrl = url;
        await db.SaveChangesAsync(ct);
        return order;
    }

    private static RuleException OrderPending() =>
        new(
            "payment.order_pending",
            "上一笔在线支付正在确认中，请几分钟后再试",
            "Your last online payment is still being confirmed; try again in a few minutes"
        );

    /// <summary>The bill's pending orders: the one that can still be paid (placed, for what the bill asks, within its lifetime), and
    /// the others. An order still being placed (no address yet, written under a minute ago) is answered as pending.</summary>
    private async Task<(PaymentOrder? Live, List<PaymentOrder> Old)> PendingAsync(Bill bill, CancellationToken ct)
    {
        if (bill.Paid >= bill.Amount)
            throw new RuleException("payment.bill_settled", "该账单已缴清", "This bill is already paid");
        var now = clock.GetUtcNow();
        var pending = await db.Set<PaymentOrder>()
            .Where(o => o.BillId == bill.Id && o.Status == PaymentOrderStatus.Pending)
            .OrderByDescending(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .ToListAsync(ct);
        var live = pending.FirstOrDefault(o =>
            o.PayUrl != null && o.Amount == bill.Amount - bill.Paid && o.CreatedAt > now - PaymentGateway.OrderLifetime
        );
        if (live is null && pending.Any(o => o.PayUrl == null && o.CreatedAt > now - Placing))
            throw OrderPending();
        return (live, [.. pending.Where(o => o != live)]);
    }

    /// <summary>
    /// Under the locks of the bill's orders, then of the bill (the order the notification takes them in: order, then bills), gives
    /// up the older orders (those placed at the gateway only if closed there just now) and writes the new order, committed.
    /// </summary>
    private async Task<PaymentOrder> WriteOrderAsync(Guid billId, IReadOnlySet<Guid> closed, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"select 1 from fees.payment_order where bill_id = {billId} for update", ct);
        await db.Database.ExecuteSqlAsync($"select 1 from fees.bill where id = {billId} for update", ct);
        var bill = await db.Set<Bill>().AsNoTracking().FirstAsync(b => b.Id == billId, ct);
        var (live, old) = await PendingAsync(bill, ct);
        if (live is not null)
        {
            await tx.CommitAsync(ct);
            return live;
        }
        foreach (var o in old)
        {
            if (o.PayUrl is not null && !closed.Contains(o.Id))
                throw OrderPending(); // Placed by another tap meanwhile and not closed here.
            o.Status = PaymentOrderStatus.Failed;
            o.FailReason = "closed: replaced by a new order";
        }
        var now = clock.GetUtcNow();
        var order = new PaymentOrder
        {
            CompanyId = bill.CompanyId,
            ProjectId = bill.ProjectId,
            ZoneId = bill.ZoneId,
            UnitId = bill.UnitId,
            BillId = bill.Id,
            OrderNumber = "WY" + ChinaTime.ToChina(now).ToString("yyyyMMddHHmmss") + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
            Gateway = WeChatPayProtocol.Name,
            Amount = bill.Amount - bill.Paid,
            Status = PaymentOrderStatus.Pending,
            RequestedByUserId = db.Scope.UserId,
        };
        db.Add(order);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    /// <summary>Checks and books one notification; answers whether the gateway is to stop sending it, and why not.</summary>
    public async Task<(bool Ok, string Message)> NotifyAsync(string gatewayName, string body, CancellationToken ct)
    {
        if (gatewayName != WeChatPayProtocol.Name || !gateway.Configured)
            return (false, "unknown gateway");
        var f = WeChatPayProtocol.FromXml(body);
        if (f is null)
            return (false, "not a notification");
        if (!WeChatPayProtocol.Verify(gateway.Options.Key!, f))
        {
            log.LogWarning("A payment notification with a bad signature was refused (order {Order})", f.GetValueOrDefault("out_trade_no"));
            return (false, "bad signature");
        }
        if (f.GetValueOrDefault("return_code") != "SUCCESS")
            return (true, "OK");
        var number = f.GetValueOrDefault("out_trade_no") ?? "";
        var transaction = f.GetValueOrDefault("transaction_id") ?? "";
        if (f.GetValueOrDefault("mch_id") != gateway.Options.MerchantId || f.GetValueOrDefault("appid") != gateway.Options.AppId)
            return (false, "not our merchant");
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The order's row is locked: a notification sent twice at once books once.
        await db.Database.ExecuteSqlAsync($"select 1 from fees.payment_order where order_number = {number} for update", ct);
        var order = await db.Set<PaymentOrder>().FirstOrDefaultAsync(o => o.OrderNumber == number, ct);
        if (order is null)
            return (false, "unknown order");
        if (f.GetValueOrDefault("result_code") != "SUCCESS")
        {
            if (order.Status == PaymentOrderStatus.Pending)
            {
                order.Status = PaymentOrderStatus.Failed;
                order.FailReason = Cut(f.GetValueOrDefault("err_code_des") ?? f.GetValueOrDefault("err_code") ?? "failed", 200);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            return (true, "OK");
        }
        if (order.Status == PaymentOrderStatus.Paid)
            // The same transaction again (the gateway repeats until it hears SUCCESS): already booked.
            return order.TransactionId == transaction ? (true, "OK") : (false, "order already paid by another transaction");
        if (
            !long.TryParse(f.GetValueOrDefault("total_fee"), NumberStyles.None, CultureInfo.InvariantCulture, out var fen)
            || fen != order.Fen
        )
        {
            log.LogWarning(
                "Payment notification for {Order}: amount {Fen} fen, the order asks {Asked}",
                number,
                f.GetValueOrDefault("total_fee"),
                order.Fen
            );
            return (false, "amount does not match the order");
        }
        if (transaction.Length is 0 or > 64 || await db.Set<PaymentOrder>().AnyAsync(o => o.TransactionId == transaction, ct))
            return (false, "bad transaction id");
        var now = clock.GetUtcNow();
        var seq = await ReceiptCounter.NextAsync(db, order.CompanyId, ct);
        var payment = new Payment
        {
            CompanyId = order.CompanyId,
            ProjectId = order.ProjectId,
            ZoneId = order.ZoneId,
            UnitId = order.UnitId,
            ReceiptNumber = ReceiptNumbers.Format(now, seq),
            Method = PaymentMethod.Online,
            Amount = order.Amount,
            PaidAt = now,
            ReceivedByName = Loc.T("微信支付", "WeChat Pay"),
            Note = Cut($"{order.OrderNumber} / {transaction}", 200),
        };
        db.Add(payment);
        order.Status = PaymentOrderStatus.Paid;
        order.TransactionId = transaction;
        order.PaymentId = payment.Id;
        order.PaidAt = now;
        order.FailReason = null;
        if (order.RequestedByUserId is { } owner)
            await notifier.NotifyAsync(
                [owner],
                order.CompanyId,
                Loc.T("缴费成功", "Payment received"),
                Loc.T(
                    $"已收到在线缴费 ¥{Money.Text(order.Amount)}，收据号 {payment.ReceiptNumber}。",
                    $"Online payment of ¥{Money.Text(order.Amount)} received; receipt {payment.ReceiptNumber}."
                ),
                $"/fees/receipts/{payment.Id}",
                $"online-paid:{order.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
        await credit.ApplyAsync(order.ProjectId, [order.UnitId], now, ct);
        await tx.CommitAsync(ct);
        return (true, "OK");
    }

    public async Task<PaymentOrderDto> OneAsync(string orderNumber, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().AsNoTracking().FirstOrDefaultAsync(o => o.OrderNumber == orderNumber, ct)
            ?? throw new NotFoundException("payment order");
        var receipt = order.PaymentId is { } pid
            ? await db.Set<Payment>().AsNoTracking().Where(p => p.Id == pid).Select(p => p.ReceiptNumber).FirstOrDefaultAsync(ct)
            : null;
        return Dto(order, receipt);
    }

    private static PaymentOrderDto Dto(PaymentOrder o, string? receiptNumber) =>
        new(o.OrderNumber, o.BillId, o.UnitId, o.Amount, o.Status, o.PayUrl, o.PaymentId, receiptNumber, o.CreatedAt, o.PaidAt);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
