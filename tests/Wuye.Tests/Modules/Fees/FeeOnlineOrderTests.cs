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

/// <summary>The app with a moved clock and its merchant account at a WireMock.Net fake of the gateway, one for the class.</summary>
public sealed class OnlineOrderGateway(TestCluster cluster) : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = Clocks.Now();
    public WireMockServer Gateway { get; } = WireMockServer.Start();
    public WuyeApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        App = new WuyeApp(
            cluster,
            await cluster.CloneAsync(),
            settings: new()
            {
                ["Wuye:Fees:Gateway:Endpoint"] = Gateway.Urls[0],
                ["Wuye:Fees:Gateway:AppId"] = GatewayBrowser.AppId,
                ["Wuye:Fees:Gateway:MerchantId"] = GatewayBrowser.MerchantId,
                ["Wuye:Fees:Gateway:Key"] = GatewayBrowser.Key,
                ["Wuye:Fees:Gateway:PublicBaseUrl"] = "https://wuye.example.com",
            }
        )
        {
            Clock = Clock,
        };

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Gateway.Stop();
        Gateway.Dispose();
    }
}

/// <summary>
/// One order per bill, and orders reconciled with the gateway (review 10, 1.2 and 1.3; review 11, 2 and 3), with a moved clock
/// against the WireMock.Net fake of the gateway: paying the same bill again answers the same order; past its lifetime the old order
/// is closed at the gateway and a new one placed (not while the gateway refuses to close it); a paid order whose notification never
/// came is booked by the job once it has waited 10 minutes — once; orders that never settle go to the back of the job's queue and
/// are given up after a day; one order's failure does not stop the run. Each test leaves no order of its own pending.
/// </summary>
public sealed partial class FeeOnlineOrderTests(OnlineOrderGateway fixture) : IClassFixture<OnlineOrderGateway>
{
    private readonly FakeTimeProvider _clock = fixture.Clock;
    private readonly WireMockServer _gateway = fixture.Gateway;
    private readonly WuyeApp _app = fixture.App;

    /// <summary>The gateway as it starts: places orders and closes them.</summary>
    private void Reset()
    {
        _gateway.ResetMappings();
        _gateway.ResetLogEntries();
        _app.ForgetTokens();
        Answer("/pay/unifiedorder", _ => true, new() { ["prepay_id"] = "wx2026", ["mweb_url"] = _gateway.Urls[0] + "/cashier" });
        Answer("/pay/closeorder", _ => true, []);
    }

    /// <summary>The gateway answers <paramref name="path"/> (for requests whose body matches) with these fields, signed.</summary>
    private void Answer(string path, Func<string?, bool> body, Dictionary<string, string> fields)
    {
        var all = new Dictionary<string, string>(fields)
        {
            ["return_code"] = "SUCCESS",
            ["appid"] = GatewayBrowser.AppId,
            ["mch_id"] = GatewayBrowser.MerchantId,
            ["nonce_str"] = "IITRi8Iabbblz1Jc",
        };
        all.TryAdd("result_code", "SUCCESS");
        _gateway
            .Given(Request.Create().WithPath(path).UsingPost().WithBody(body))
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(200)
                    .WithHeader("Content-Type", "text/xml")
                    .WithBody(WeChatPayProtocol.ToXml(WeChatPayProtocol.Signed(GatewayBrowser.Key, all)))
            );
    }

    private int Calls(string path) => _gateway.LogEntries.Count(e => e.RequestMessage.Path == path);

    /// <summary>Pending orders of a bill placed by hand (as if the portal had placed them and the owner had gone to the gateway):
    /// <paramref name="payUrl"/> null for one still being placed; <paramref name="checkedAt"/> when the job last asked about it.</summary>
    private Task PlaceOrdersAsync(
        Guid billId,
        decimal amount,
        IEnumerable<string> numbers,
        string? payUrl,
        DateTimeOffset? checkedAt = null
    ) =>
        _app.DbAsync(async db =>
        {
            var bill = await db.Set<Bill>().SingleAsync(b => b.Id == billId);
            foreach (var n in numbers)
                db.Add(
                    new PaymentOrder
                    {
                        CompanyId = bill.CompanyId,
                        ProjectId = bill.ProjectId,
                        ZoneId = bill.ZoneId,
                        UnitId = bill.UnitId,
                        BillId = bill.Id,
                        OrderNumber = n,
                        Gateway = WeChatPayProtocol.Name,
                        Amount = amount,
                        Status = PaymentOrderStatus.Pending,
                        PayUrl = payUrl,
                        CheckedAt = checkedAt,
                    }
                );
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_bill_has_one_order_at_a_time_and_a_paid_order_without_its_notification_is_booked_by_the_job_once()
    {
        Reset();
        var (billId, unit, owed) = await _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).SingleAsync();
            var units = db.OccupantRefs()
                .Where(o => db.PersonRefs().Any(p => p.Id == o.PersonId && p.UserId == owner))
                .Select(o => o.UnitId);
            var b = await db.Set<Bill>()
                .Where(b => units.Contains(b.UnitId) && b.Paid < b.Amount)
                .OrderByDescending(b => b.Period)
                .ThenBy(b => b.Id)
                .FirstAsync();
            return (b.Id, b.UnitId, b.Amount - b.Paid);
        });
        async Task<string> PayAsync() =>
            (await (await _app.As("owner")).PostJsonAsync("/api/v1/payments/online", new { billId }).OkAsync())
                .GetProperty("orderNumber")
                .GetString()!;

        // Two taps: one order at the gateway, answered twice.
        var first = await PayAsync();
        Assert.Equal(first, await PayAsync());
        Assert.Equal(1, Calls("/pay/unifiedorder"));
        var sent = WeChatPayProtocol.FromXml(
            _gateway.LogEntries.Single(e => e.RequestMessage.Path == "/pay/unifiedorder").RequestMessage.Body!
        )!;
        Assert.Equal("https://wuye.example.com/api/v1/payment-notifications/wechat", sent["notify_url"]);

        // Two hours on, the first can no longer be paid: it is closed at the gateway and a new order placed — but not while
        // the gateway will not close it (the owner may have just paid it): the order stays pending and no second one is made.
        _clock.Advance(TimeSpan.FromHours(2));
        _app.ForgetTokens();
        _gateway.ResetMappings();
        _gateway
            .Given(Request.Create().WithPath("/pay/closeorder").UsingPost())
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(200)
                    .WithBody(
                        WeChatPayProtocol.ToXml(
                            WeChatPayProtocol.Signed(
                                GatewayBrowser.Key,
                                new Dictionary<string, string>
                                {
                                    ["return_code"] = "SUCCESS",
                                    ["result_code"] = "FAIL",
                                    ["err_code"] = "ORDERPAID",
                                }
                            )
                        )
                    )
            );
        var refused = await (await _app.As("owner")).PostJsonAsync("/api/v1/payments/online", new { billId });
        Assert.Equal(
            (HttpStatusCode.Conflict, "payment.order_pending"),
            (refused.StatusCode, (await refused.JsonAsync()).GetProperty("code").GetString())
        );
        Assert.Equal(1, Calls("/pay/unifiedorder"));
        Assert.Equal(
            PaymentOrderStatus.Pending,
            await _app.DbAsync(db => db.Set<PaymentOrder>().Where(o => o.OrderNumber == first).Select(o => o.Status).SingleAsync())
        );
        _gateway.ResetMappings();
        Answer("/pay/unifiedorder", _ => true, new() { ["prepay_id"] = "wx2027", ["mweb_url"] = _gateway.Urls[0] + "/cashier" });
        Answer("/pay/closeorder", _ => true, []);
        var second = await PayAsync();
        Assert.NotEqual(first, second);
        Assert.Equal((2, 2), (Calls("/pay/unifiedorder"), Calls("/pay/closeorder")));
        Task<PaymentOrderStatus> StatusAsync(string n) =>
            _app.DbAsync(db => db.Set<PaymentOrder>().Where(o => o.OrderNumber == n).Select(o => o.Status).SingleAsync());
        Assert.Equal(PaymentOrderStatus.Failed, await StatusAsync(first));

        // The owner pays the second; its notification is lost. The gateway says so when asked.
        var fen = ((long)(owed * 100)).ToString();
        Answer(
            "/pay/orderquery",
            b => b?.Contains(second) == true,
            new()
            {
                ["trade_state"] = "SUCCESS",
                ["out_trade_no"] = second,
                ["transaction_id"] = "4200001234202612049999999999",
                ["total_fee"] = fen,
                ["cash_fee"] = fen,
                ["trade_type"] = "MWEB",
                ["time_end"] = "20261204120000",
            }
        );
        var job = _app.Services.GetRequiredService<OnlineOrderJob>();
        Task<int> OnlineAsync() =>
            _app.DbAsync(db => db.Set<Payment>().CountAsync(p => p.UnitId == unit && p.Method == PaymentMethod.Online));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(0, Calls("/pay/orderquery"));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(PaymentOrderStatus.Paid, await StatusAsync(second));
        Assert.Equal(1, await OnlineAsync());
        Assert.Equal(0m, await _app.DbAsync(db => db.Set<Bill>().Where(b => b.Id == billId).Select(b => b.Amount - b.Paid).SingleAsync()));
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(1, await OnlineAsync());
    }

    [Fact]
    public async Task Orders_that_never_settle_go_to_the_back_of_the_queue_are_given_up_after_a_day_and_one_failure_stops_nothing()
    {
        Reset();
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        // A bill of a unit that is not the owner's (the other test pays the owner's).
        var (billId, owed) = await _app.DbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).SingleAsync();
            var units = db.OccupantRefs()
                .Where(o => db.PersonRefs().Any(p => p.Id == o.PersonId && p.UserId == owner))
                .Select(o => o.UnitId);
            var b = await db.Set<Bill>()
                .Where(b => !units.Contains(b.UnitId) && b.Paid < b.Amount)
                .OrderByDescending(b => b.Period)
                .ThenBy(b => b.Id)
                .FirstAsync();
            return (b.Id, b.Amount - b.Paid);
        });
        var cashier = _gateway.Urls[0] + "/cashier";
        Task PlaceAsync(IEnumerable<string> numbers, DateTimeOffset? checkedAt) =>
            PlaceOrdersAsync(billId, owed, numbers, cashier, checkedAt);
        async Task<(PaymentOrderStatus, string?)> OrderAsync(string n)
        {
            var o = await _app.DbAsync(db => db.Set<PaymentOrder>().AsNoTracking().SingleAsync(o => o.OrderNumber == n));
            return (o.Status, o.FailReason);
        }

        // 200 orders the gateway never answers about, asked a minute ago: under the old order (oldest first) they fill the batch.
        var stuck = Enumerable.Range(0, 200).Select(i => $"WYT{tag}S{i:000}").ToList();
        await PlaceAsync(stuck, _clock.GetUtcNow());
        // Never asked: one the gateway does not know, one refunded there, one closed there (its row refuses to change: a
        // failure of this one order) and one closed there.
        string unknown = $"WYT{tag}UNKNOWN",
            refunded = $"WYT{tag}REFUND",
            failing = $"WYT{tag}FAILING",
            closed = $"WYT{tag}CLOSED";
        await PlaceAsync([unknown, refunded, failing, closed], null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        // Placed later and paid; its notification was lost.
        var paid = $"WYT{tag}PAID";
        await PlaceAsync([paid], null);
        Answer("/pay/orderquery", b => b?.Contains(unknown) == true, new() { ["result_code"] = "FAIL", ["err_code"] = "ORDERNOTEXIST" });
        Answer("/pay/orderquery", b => b?.Contains(refunded) == true, new() { ["trade_state"] = "REFUND", ["out_trade_no"] = refunded });
        Answer("/pay/orderquery", b => b?.Contains(failing) == true, new() { ["trade_state"] = "CLOSED", ["out_trade_no"] = failing });
        Answer("/pay/orderquery", b => b?.Contains(closed) == true, new() { ["trade_state"] = "CLOSED", ["out_trade_no"] = closed });
        var fen = ((long)(owed * 100)).ToString();
        Answer(
            "/pay/orderquery",
            b => b?.Contains(paid) == true,
            new()
            {
                ["trade_state"] = "SUCCESS",
                ["out_trade_no"] = paid,
                ["transaction_id"] = $"42000012342026{tag}",
                ["total_fee"] = fen,
                ["cash_fee"] = fen,
                ["trade_type"] = "MWEB",
                ["time_end"] = "20261204120000",
            }
        );
        // DDL takes no parameters: the tag and the order number are the test's own digits.
        var refuse = $"""
            create function fees.test_refuse_{tag}() returns trigger language plpgsql as $$
            begin raise exception 'this order refuses to change'; end $$;
            create trigger test_refuse_{tag} before update of status on fees.payment_order for each row
            when (new.order_number = '{failing}') execute function fees.test_refuse_{tag}();
            """;
        await _app.DbAsync(db => db.Database.ExecuteSqlRawAsync(refuse));

        // The never-asked go first: the paid one is booked and the closed one failed, past the one whose update fails.
        _clock.Advance(TimeSpan.FromMinutes(11));
        var job = _app.Services.GetRequiredService<OnlineOrderJob>();
        Assert.Equal(2, await job.RunOnceAsync());
        Assert.Equal(PaymentOrderStatus.Paid, (await OrderAsync(paid)).Item1);
        Assert.Equal((PaymentOrderStatus.Failed, "gateway: CLOSED"), await OrderAsync(closed));
        Assert.Equal(PaymentOrderStatus.Pending, (await OrderAsync(failing)).Item1);
        // Not known, or refunded: left for a day.
        Assert.Equal((PaymentOrderStatus.Pending, null), await OrderAsync(unknown));
        Assert.Equal((PaymentOrderStatus.Pending, null), await OrderAsync(refunded));

        // A day on they are given up, with the gateway's word as the reason; the failing one once it can change.
        await _app.DbAsync(db =>
            db.Set<PaymentOrder>()
                .Where(o => stuck.Contains(o.OrderNumber))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, PaymentOrderStatus.Failed))
        );
        _clock.Advance(TimeSpan.FromHours(24));
        Assert.Equal(2, await job.RunOnceAsync());
        Assert.Equal((PaymentOrderStatus.Failed, "gateway: ORDERNOTEXIST"), await OrderAsync(unknown));
        Assert.Equal((PaymentOrderStatus.Failed, "gateway: REFUND"), await OrderAsync(refunded));
        var drop = $"drop trigger test_refuse_{tag} on fees.payment_order";
        await _app.DbAsync(db => db.Database.ExecuteSqlRawAsync(drop));
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal((PaymentOrderStatus.Failed, "gateway: CLOSED"), await OrderAsync(failing));
        Assert.Equal(0, await job.RunOnceAsync());
    }

    [Fact]
    public void A_gateway_needs_every_setting_and_the_public_address()
    {
        static bool Valid(GatewayOptions g)
        {
            var o = new FeesOptions { Gateway = g };
            return !o.Validate(new ValidationContext(o)).Any();
        }
        GatewayOptions Full() =>
            new()
            {
                Endpoint = "https://api.mch.weixin.qq.com",
                AppId = "wx2421b1c4370ec43b",
                MerchantId = "1900000109",
                Key = "k",
                PublicBaseUrl = "https://wuye.example.com",
            };
        Assert.True(Valid(Full()));
        Assert.True(Valid(new GatewayOptions()));
        var noBase = Full();
        noBase.PublicBaseUrl = null;
        Assert.False(Valid(noBase));
        var noKey = Full();
        noKey.Key = null;
        Assert.False(Valid(noKey));
    }
}
