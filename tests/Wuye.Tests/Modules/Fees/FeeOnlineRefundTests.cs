using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Modules.Fees.Jobs;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>Refunds of online payments through the gateway's fake (the same class and gateway as the orders).</summary>
public sealed partial class FeeOnlineOrderTests
{
    [Fact]
    public async Task An_online_payment_held_as_credit_is_refunded_through_the_gateway_once_it_agrees_and_not_at_all_before()
    {
        Reset();
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        // A home that is not the owner's with a bill open (the last by id: the other tests take the first).
        var (billId, unit, owed) = await _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).SingleAsync();
            var units = db.OccupantRefs()
                .Where(o => db.PersonRefs().Any(p => p.Id == o.PersonId && p.UserId == owner))
                .Select(o => o.UnitId);
            var b = await db.Set<Bill>()
                .Where(b => !units.Contains(b.UnitId) && b.Paid < b.Amount)
                .OrderByDescending(b => b.Id)
                .FirstAsync();
            return (b.Id, b.UnitId, b.Amount - b.Paid);
        });
        var number = $"WYT{tag}PAID";
        await PlaceOrdersAsync(billId, owed, [number], payUrl: null);
        // Meanwhile the family pays everything the home owes in cash at the desk; then the online payment comes through: all of
        // it is held as credit.
        var manager = await _app.As("manager");
        var all = await _app.DbAsync(db => db.Set<Bill>().Where(b => b.UnitId == unit).SumAsync(b => b.Amount - b.Paid));
        await manager
            .PostJsonAsync(
                "/api/v1/payments",
                new
                {
                    unitId = unit,
                    amount = all,
                    method = "cash",
                }
            )
            .OkAsync();
        var fen = ((long)(owed * 100)).ToString();
        Answer(
            "/pay/orderquery",
            b => b?.Contains(number) == true,
            new()
            {
                ["trade_state"] = "SUCCESS",
                ["out_trade_no"] = number,
                ["transaction_id"] = $"42000012342026120{tag}",
                ["total_fee"] = fen,
                ["cash_fee"] = fen,
                ["trade_type"] = "MWEB",
                ["time_end"] = "20261204120000",
            }
        );
        _clock.Advance(TimeSpan.FromMinutes(11));
        _app.ForgetTokens();
        Assert.Equal(1, await _app.Services.GetRequiredService<OnlineOrderJob>().RunOnceAsync());
        var online = await _app.DbAsync(db =>
            db.Set<Payment>()
                .Where(p => p.UnitId == unit && p.Method == PaymentMethod.Online)
                .Select(p => new
                {
                    p.Id,
                    p.Amount,
                    p.Allocated,
                })
                .SingleAsync()
        );
        Assert.Equal((owed, 0m), (online.Amount, online.Allocated));
        manager = await _app.As("manager");
        Task<int> RefundsAsync() => _app.DbAsync(db => db.Set<Payment>().CountAsync(p => p.RefundOfPaymentId == online.Id));
        var refund = new { amount = owed, reason = "重复缴费，原路退回" };

        // The gateway does not answer, then refuses (its signed FAIL): nothing is booked either time.
        var silent = await manager.PostJsonAsync($"/api/v1/payments/{online.Id}/refund", refund);
        Assert.Equal("payment.gateway_unavailable", (await silent.JsonAsync()).GetProperty("code").GetString());
        Answer("/secapi/pay/refund", _ => true, new() { ["result_code"] = "FAIL", ["err_code"] = "NOTENOUGH" });
        var refused = await manager.PostJsonAsync($"/api/v1/payments/{online.Id}/refund", refund);
        Assert.Equal(
            (HttpStatusCode.Conflict, "payment.gateway_refused"),
            (refused.StatusCode, (await refused.JsonAsync()).GetProperty("code").GetString())
        );
        Assert.Equal(0, await RefundsAsync());

        // It agrees: the signed request names the order, our refund number and the fen; the negative receipt carries its refund id.
        _gateway.ResetMappings();
        _gateway
            .Given(Request.Create().WithPath("/secapi/pay/refund").UsingPost())
            .RespondWith(
                Response
                    .Create()
                    .WithCallback(req =>
                    {
                        var asked = WeChatPayProtocol.FromXml(req.Body!)!;
                        var answer = new Dictionary<string, string>
                        {
                            ["return_code"] = "SUCCESS",
                            ["result_code"] = "SUCCESS",
                            ["out_trade_no"] = asked["out_trade_no"],
                            ["out_refund_no"] = asked["out_refund_no"],
                            ["refund_fee"] = asked["refund_fee"],
                            ["refund_id"] = "50000000382019052709732678859",
                        };
                        return new WireMock.ResponseMessage
                        {
                            StatusCode = 200,
                            BodyData = new WireMock.Util.BodyData
                            {
                                BodyAsString = WeChatPayProtocol.ToXml(WeChatPayProtocol.Signed(GatewayBrowser.Key, answer)),
                                DetectedBodyType = WireMock.Types.BodyType.String,
                            },
                        };
                    })
            );
        var created = await manager.PostJsonAsync($"/api/v1/payments/{online.Id}/refund", refund);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var receipt = (await created.JsonAsync()).GetProperty("receiptNumber").GetString()!;
        var sent = WeChatPayProtocol.FromXml(
            _gateway.LogEntries.Last(e => e.RequestMessage.Path == "/secapi/pay/refund").RequestMessage.Body!
        )!;
        Assert.True(WeChatPayProtocol.Verify(GatewayBrowser.Key, sent));
        Assert.Equal((number, receipt, fen, fen), (sent["out_trade_no"], sent["out_refund_no"], sent["total_fee"], sent["refund_fee"]));
        Assert.StartsWith("TK", receipt);
        var booked = await _app.DbAsync(db =>
            db.Set<Payment>().Where(p => p.RefundOfPaymentId == online.Id).Select(p => new { p.Amount, p.Note }).SingleAsync()
        );
        Assert.Equal(-owed, booked.Amount);
        Assert.Contains("50000000382019052709732678859", booked.Note);
        // Nothing is left to refund.
        var twice = await manager.PostJsonAsync($"/api/v1/payments/{online.Id}/refund", refund);
        Assert.Equal("payment.refund_more_than_held", (await twice.JsonAsync()).GetProperty("code").GetString());
    }
}
