using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Features.ReconcileOnlinePayments;

/// <summary>
/// 对账: online orders still pending some minutes after they were placed are asked about at the gateway (查询订单). One the owner
/// paid is booked through the notification's own code (so a lost or misaddressed notification still books it, once); one the
/// gateway closed, or one past its lifetime, is closed here and marked failed. Answers how many orders it settled either way.
/// </summary>
internal sealed class OrderReconciler(WuyeDb db, TimeProvider clock, PaymentGateway gateway, OnlinePaymentsHandler payments)
{
    /// <summary>How long after placing an order the job first asks about it (the notification normally comes within seconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!gateway.Configured)
            return 0;
        var now = clock.GetUtcNow();
        var asked = now - Grace;
        var orders = await db.Set<PaymentOrder>()
            .AsNoTracking()
            .Where(o => o.Status == PaymentOrderStatus.Pending && o.Gateway == WeChatPayProtocol.Name && o.CreatedAt < asked)
            .OrderBy(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .Take(200)
            .Select(o => new
            {
                o.Id,
                o.OrderNumber,
                o.CreatedAt,
            })
            .ToListAsync(ct);
        var settled = 0;
        foreach (var o in orders)
        {
            var answer = await gateway.QueryAsync(o.OrderNumber, ct);
            if (answer is null)
                continue; // The gateway did not answer: asked again on the next run.
            var state = answer.GetValueOrDefault("trade_state");
            if (state == "SUCCESS")
            {
                // The query's signed answer carries the notification's fields: booked by the same code, once per transaction.
                var (ok, _) = await payments.NotifyAsync(WeChatPayProtocol.Name, WeChatPayProtocol.ToXml(answer), ct);
                if (ok)
                    settled++;
            }
            else if (
                state is "CLOSED" or "REVOKED" or "PAYERROR"
                || (state is "NOTPAY" && o.CreatedAt < now - PaymentGateway.OrderLifetime)
            )
            {
                if (state == "NOTPAY" && !await gateway.CloseAsync(o.OrderNumber, ct))
                    continue;
                var order = await db.Set<PaymentOrder>().FirstAsync(x => x.Id == o.Id, ct);
                if (order.Status != PaymentOrderStatus.Pending)
                    continue;
                order.Status = PaymentOrderStatus.Failed;
                order.FailReason = state == "NOTPAY" ? "closed: not paid in time" : $"gateway: {state}";
                await db.SaveChangesAsync(ct);
                settled++;
            }
            db.ChangeTracker.Clear();
        }
        return settled;
    }
}
