using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.OnlinePayment;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>The app (served by Kestrel) with its merchant account at a local fake of the gateway: a WireMock.Net HTTP server
/// answering 统一下单 with a signed XML answer and serving a cashier page.</summary>
public sealed class GatewayBrowser(TestCluster cluster) : IAsyncLifetime
{
    public const string Key = "wuyetestmerchantkey0123456789abc";
    public const string AppId = "wx2421b1c4370ec43b";
    public const string MerchantId = "1900000109";
    public WireMockServer Gateway { get; } = WireMockServer.Start();
    public BrowserApp Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var answer = WeChatPayProtocol.Signed(
            Key,
            new Dictionary<string, string>
            {
                ["return_code"] = "SUCCESS",
                ["return_msg"] = "OK",
                ["appid"] = AppId,
                ["mch_id"] = MerchantId,
                ["nonce_str"] = "IITRi8Iabbblz1Jc",
                ["result_code"] = "SUCCESS",
                ["prepay_id"] = "wx201411101639507cbf6ffd8b0779950874",
                ["trade_type"] = "MWEB",
                ["mweb_url"] = Gateway.Urls[0] + "/cashier?prepay_id=wx201411101639507cbf6ffd8b0779950874",
            }
        );
        Gateway
            .Given(Request.Create().WithPath("/pay/unifiedorder").UsingPost())
            .RespondWith(
                Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml").WithBody(WeChatPayProtocol.ToXml(answer))
            );
        Gateway
            .Given(Request.Create().WithPath("/cashier").UsingGet())
            .RespondWith(
                Response
                    .Create()
                    .WithStatusCode(200)
                    .WithHeader("Content-Type", "text/html; charset=utf-8")
                    .WithBody("<html><body><h1 id=\"cashier\">微信支付 收银台</h1></body></html>")
            );
        Browser = new BrowserApp(
            cluster,
            settings: new()
            {
                ["Wuye:Fees:Gateway:Endpoint"] = Gateway.Urls[0],
                ["Wuye:Fees:Gateway:AppId"] = AppId,
                ["Wuye:Fees:Gateway:MerchantId"] = MerchantId,
                ["Wuye:Fees:Gateway:Key"] = Key,
                ["Wuye:Fees:Gateway:PublicBaseUrl"] = BrowserApp.Self,
            }
        );
        await Browser.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Gateway.Stop();
        Gateway.Dispose();
    }
}

/// <summary>
/// An owner pays this month's bill online on a 375 px phone: the signed order reaches the gateway, the owner lands on its
/// cashier page; the gateway's notification is verified — a forged one and one with another amount are refused, a repeated
/// one pays nothing twice; the receipt is issued, the portal shows it and the project's collection rate rises.
/// </summary>
public sealed class FeeOnlinePaymentTests(GatewayBrowser fixture) : IClassFixture<GatewayBrowser>
{
    private readonly BrowserApp _b = fixture.Browser;

    private static StringContent Xml(Dictionary<string, string> fields) => new(WeChatPayProtocol.ToXml(fields), Encoding.UTF8, "text/xml");

    [Fact]
    public async Task An_owner_pays_a_bill_online_the_notification_is_verified_once_and_the_receipt_and_the_rate_follow()
    {
        var (billId, project, unit, owed, period) = await _b.App.DbAsync(async db =>
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
            return (b.Id, b.ProjectId, b.UnitId, b.Amount - b.Paid, b.Period);
        });
        var manager = await _b.App.As("manager");
        async Task<decimal> CollectedAsync() =>
            (await manager.GetJsonAsync($"/api/v1/collection-rates?projectId={project}&period={Periods.Text(period)}"))
                .GetProperty("total")
                .GetProperty("currentByAmount")
                .GetProperty("numerator")
                .GetDecimal();
        var before = await CollectedAsync();

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync("/portal/bills");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync($"[data-testid=bill][data-id='{billId}'] [data-testid=fees-pay-online]");
        await page.Locator("[data-testid=fees-order][data-status=Pending]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=fees-order-go]");
        await page.Locator("#cashier").WaitForAsync();

        // The order as the gateway received it: signed with the merchant key, the open amount in fen, our notify address.
        var sent = WeChatPayProtocol.FromXml(
            fixture.Gateway.LogEntries.Single(e => e.RequestMessage.Path == "/pay/unifiedorder").RequestMessage.Body!
        )!;
        Assert.True(WeChatPayProtocol.Verify(GatewayBrowser.Key, sent));
        Assert.Equal(((long)(owed * 100)).ToString(), sent["total_fee"]);
        var notifyUrl = sent["notify_url"];
        Assert.Equal(_b.BaseUrl + "/api/v1/payment-notifications/wechat", notifyUrl);
        var returnUrl = Uri.UnescapeDataString(page.Url[(page.Url.IndexOf("redirect_url=", StringComparison.Ordinal) + 13)..]);
        Assert.StartsWith(_b.BaseUrl + "/portal/bills?order=", returnUrl);

        var notice = new Dictionary<string, string>
        {
            ["appid"] = GatewayBrowser.AppId,
            ["mch_id"] = GatewayBrowser.MerchantId,
            ["nonce_str"] = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
            ["return_code"] = "SUCCESS",
            ["result_code"] = "SUCCESS",
            ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            ["trade_type"] = "MWEB",
            ["bank_type"] = "CMC",
            ["total_fee"] = sent["total_fee"],
            ["cash_fee"] = sent["total_fee"],
            ["transaction_id"] = "4200001234202612040000000001",
            ["out_trade_no"] = sent["out_trade_no"],
            ["time_end"] = "20261204120000",
        };
        using var gateway = new HttpClient();
        async Task<(HttpStatusCode, string)> NotifyAsync(Dictionary<string, string> fields)
        {
            var res = await gateway.PostAsync(notifyUrl, Xml(fields));
            return (res.StatusCode, await res.Content.ReadAsStringAsync());
        }
        Task<int> OnlinePaymentsAsync() =>
            _b.App.DbAsync(db => db.Set<Payment>().CountAsync(p => p.UnitId == unit && p.Method == PaymentMethod.Online));

        // Forged: signed with another key. Tampered: another amount, signed right. Junk. None pays.
        var (forged, forgedBody) = await NotifyAsync(WeChatPayProtocol.Signed("not-the-merchant-key", new(notice)));
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        Assert.Contains("FAIL", forgedBody);
        var (tampered, _) = await NotifyAsync(
            WeChatPayProtocol.Signed(GatewayBrowser.Key, new(notice) { ["total_fee"] = "1", ["cash_fee"] = "1" })
        );
        Assert.Equal(HttpStatusCode.BadRequest, tampered);
        Assert.Equal(HttpStatusCode.BadRequest, (await gateway.PostAsync(notifyUrl, new StringContent("{\"total_fee\":1}"))).StatusCode);
        Assert.Equal(0, await OnlinePaymentsAsync());

        // The real one, then the gateway repeating it: booked once.
        var genuine = WeChatPayProtocol.Signed(GatewayBrowser.Key, new(notice));
        var (status, answer) = await NotifyAsync(genuine);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("SUCCESS", answer);
        Assert.Equal(HttpStatusCode.OK, (await NotifyAsync(genuine)).Item1);
        Assert.Equal(1, await OnlinePaymentsAsync());
        var paid = await _b.App.DbAsync(db => db.Set<Payment>().SingleAsync(p => p.UnitId == unit && p.Method == PaymentMethod.Online));
        Assert.Equal(owed, paid.Amount);
        Assert.Equal(
            0m,
            await _b.App.DbAsync(db => db.Set<Bill>().Where(b => b.Id == billId).Select(b => b.Amount - b.Paid).SingleAsync())
        );

        // Back from the cashier: paid, with the receipt; the project's current-period collection rises by the amount.
        await page.GotoAsync(returnUrl);
        await page.Locator("[data-testid=fees-order][data-status=Paid]").WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=fees-order-receipt]");
        await page.Locator("[data-testid=receipt]").WaitForAsync();
        Assert.Equal(paid.ReceiptNumber, await page.GetAttributeAsync("[data-testid=receipt]", "data-number"));
        Assert.Equal(before + owed, await CollectedAsync());
        await _b.CloseContextsAsync();
    }

    [Fact]
    public async Task The_steward_sees_the_visit_on_the_home_page_and_records_it_on_a_phone_in_Chinese_and_English()
    {
        // An unpaid bill in a zone of the demo steward (孙丽), passed to them to visit.
        var (unitId, label) = await _b.App.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).SingleAsync();
            var zones = db.ZoneRefs().Where(z => z.StewardUserId == steward).Select(z => z.Id);
            var visits = db.Set<ArrearsReminder>().Where(r => r.Step == ReminderStep.Visit).Select(r => r.UnitId);
            var bill = await db.Set<Bill>()
                .Where(b => b.ZoneId != null && zones.Contains(b.ZoneId.Value) && b.Paid < b.Amount && !visits.Contains(b.UnitId))
                .OrderBy(b => b.DueDate)
                .ThenBy(b => b.Id)
                .FirstAsync();
            db.Add(
                new ArrearsReminder
                {
                    CompanyId = bill.CompanyId,
                    ProjectId = bill.ProjectId,
                    ZoneId = bill.ZoneId,
                    UnitId = bill.UnitId,
                    BillId = bill.Id,
                    Step = ReminderStep.Visit,
                    SentAt = DateTimeOffset.UtcNow,
                    DaysPastDue = 60,
                    Owed = bill.Amount - bill.Paid,
                    StewardUserId = steward,
                }
            );
            await db.SaveChangesAsync();
            return (bill.UnitId, await db.UnitLabels().Where(u => u.Id == bill.UnitId).Select(u => u.Label).SingleAsync());
        });
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "steward");
        await page.GotoAsync("/home/steward");
        Assert.Contains("上门催缴", await page.InnerTextAsync("body"));
        await page.GotoAsync("/fees/visits");
        var card = page.Locator($"[data-testid=fees-visit][data-unit='{unitId}']");
        await card.WaitForAsync();
        await page.AssertFitsPhoneAsync();

        // Refused without saying why: refused, field by field; then with the reason.
        await card.Locator("[data-testid=fees-visit-outcome]").SelectOptionAsync("Refused");
        await card.Locator("[data-testid=fees-visit-save]").ClickAsync();
        await page.Locator("[data-testid=error]").WaitForAsync();
        card = page.Locator($"[data-testid=fees-visit][data-unit='{unitId}']");
        await card.Locator("[data-testid=fees-visit-outcome]").SelectOptionAsync("Refused");
        await card.Locator("[data-testid=fees-visit-note]").FillAsync("楼道漏水报修两次未修好，修好再缴");
        await card.Locator("[data-testid=fees-visit-save]").ClickAsync();
        await page.Locator("[data-testid=fees-visit-done]").WaitForAsync();
        Assert.Equal(0, await page.Locator($"[data-testid=fees-visit][data-unit='{unitId}']").CountAsync());
        Assert.Contains(label, await page.InnerTextAsync("[data-testid=fees-visits-recorded]"));

        await page.GotoAsync("/account/culture?c=en&returnUrl=%2Ffees%2Fvisits");
        await page.WaitForSelectorAsync("html[lang=en]");
        Assert.Contains("Refused", await page.InnerTextAsync("[data-testid=fees-visits-recorded]"));
        await page.AssertFitsPhoneAsync();
        await _b.CloseContextsAsync();
    }
}
