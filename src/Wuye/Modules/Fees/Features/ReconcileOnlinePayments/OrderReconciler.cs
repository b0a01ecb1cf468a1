using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Platform.Database;

namespace Wuye.Modules.Fees.Features.ReconcileOnlinePayments;

/// <summary>
/// 对账: online orders still pending some minutes after they were placed are asked about at the gateway (查询订单), the least
/// recently asked first (<see cref="PaymentOrder.CheckedAt"/>), so orders that never settle cannot fill the batch. One the owner
/// paid is booked through the notification's own code (so a lost or misaddressed notification still books it, once); one the
/// gateway closed, or one past its lifetime, is closed here and marked failed. A day after it was placed, an order the gateway
/// does not know, or one in a state this code does not settle (REFUND, USERPAYING, paid but not bookable), is marked failed with
/// the reason (its notification, should it still come, books it all the same). One order's failure is logged and the run goes
/// on. Answers how many orders it settled either way.
/// </summary>
internal sealed class OrderReconciler(
    WuyeDb db,
    TimeProvider clock,
    PaymentGateway gateway,
    OnlinePaymentsHandler payments,
    ILogger<OrderReconciler> log
)
{
    /// <summary>How long after placing an order the job first asks about it (the notification normally comes within seconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>How long after placing an order the job gives up on one the gateway does not know or that it cannot settle.</summary>
    public static readonly TimeSpan GiveUp = TimeSpan.FromHours(24);

    public const int Batch = 200;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!gateway.Configured)
            return 0;
        var now = clock.GetUtcNow();
        var asked = now - Grace;
        var orders = await db.Set<PaymentOrder>()
            .AsNoTracking()
            .Where(o => o.Status == PaymentOrderStatus.Pending && o.Gateway == WeChatPayProtocol.Name && o.CreatedAt < asked)
            .OrderBy(o => o.CheckedAt != null)
            .ThenBy(o => o.CheckedAt)
            .ThenBy(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .Take(Batch)
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
            try
            {
                // Stamped first: an order that fails below goes to the back of the next run's queue all the same.
                await db.Set<PaymentOrder>().Where(x => x.Id == o.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CheckedAt, now), ct);
                if (await SettleAsync(o.Id, o.OrderNumber, o.CreatedAt, now, ct))
                    settled++;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogError(e, "Reconciling online order {Order} failed; it is asked about again on a later run", o.OrderNumber);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return settled;
    }

    private async Task<bool> SettleAsync(Guid id, string number, DateTimeOffset createdAt, DateTimeOffset now, CancellationToken ct)
    {
        var (answer, refusal) = await gateway.QueryAsync(number, ct);
        var giveUp = createdAt < now - GiveUp;
        if (answer is null)
        {
            // No answer (asked again on the next run), or a signed refusal: after a day, one that does not know the order fails it.
            return refusal is not null && giveUp && await FailAsync(id, $"gateway: {refusal}", ct);
        }
        var state = answer.GetValueOrDefault("trade_state") ?? "";
        if (state == "SUCCESS")
        {
            // The query's signed answer carries the notification's fields: booked by the same code, once per transaction.
            var (ok, message) = await payments.NotifyAsync(WeChatPayProtocol.Name, WeChatPayProtocol.ToXml(answer), ct);
            if (ok)
                return true;
            log.LogWarning("Online order {Order} is paid at the gateway but could not be booked: {Message}", number, message);
            return giveUp && await FailAsync(id, $"paid at the gateway, not booked: {message}", ct);
        }
        if (state is "CLOSED" or "REVOKED" or "PAYERROR")
            return await FailAsync(id, $"gateway: {state}", ct);
        if (state == "NOTPAY")
            return createdAt < now - PaymentGateway.OrderLifetime
                && await gateway.CloseAsync(number, ct)
                && await FailAsync(id, "closed: not paid in time", ct);
        // REFUND, USERPAYING or a state this code does not know: left to settle itself for a day, then given up with its state.
        return giveUp && await FailAsync(id, $"gateway: {state}", ct);
    }

    private async Task<bool> FailAsync(Guid id, string reason, CancellationToken ct)
    {
        var order = await db.Set<PaymentOrder>().FirstAsync(x => x.Id == id, ct);
        if (order.Status != PaymentOrderStatus.Pending)
            return false;
        order.Status = PaymentOrderStatus.Failed;
        order.FailReason = reason.Length <= 200 ? reason : reason[..200];
        await db.SaveChangesAsync(ct);
        return true;
    }
}
