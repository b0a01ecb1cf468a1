using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Platform;

/// <summary>
/// SMS delivery receipts from the Aliyun-protocol gateway, an HTTP server started by the test (WireMock.Net): pulled by the
/// receipt job (QuerySendDetails, paged, within 72 h of sending, with a moved clock) and pushed to the token-protected
/// receipt URL (a forged push is refused and changes nothing); the sender sees them, nobody else does.
/// </summary>
public sealed class SmsReceiptTests(TestCluster cluster) : IAsyncLifetime
{
    private const string Token = "receipt-secret-0123456789";
    private readonly FakeTimeProvider _clock = At(China(2026, 12, 8, 10, 0));
    private readonly WireMockServer _gateway = WireMockServer.Start();
    private WuyeApp _app = null!;
    private Guid _service;
    private readonly Dictionary<string, Guid> _users = [];

    private static readonly Dictionary<string, (string Phone, string BizId)> Phones = new()
    {
        ["pm"] = ("15900159011", "1001^0"),
        ["tech"] = ("15900159012", "1002^0"),
        ["steward"] = ("15900159013", "1003^0"),
    };

    public async ValueTask InitializeAsync()
    {
        foreach (var (phone, biz) in Phones.Values)
            _gateway
                .Given(Request.Create().WithPath("/").WithParam("Action", "SendSms").WithParam("PhoneNumbers", phone).UsingGet())
                .RespondWith(
                    Response
                        .Create()
                        .WithBodyAsJson(
                            new
                            {
                                Code = "OK",
                                Message = "OK",
                                BizId = biz,
                            }
                        )
                );
        _app = new WuyeApp(
            cluster,
            await cluster.CloneAsync(),
            settings: new()
            {
                ["Wuye:Notifications:Sms:Endpoint"] = _gateway.Urls[0],
                ["Wuye:Notifications:Sms:AccessKeyId"] = "key-1",
                ["Wuye:Notifications:Sms:AccessKeySecret"] = "secret-1",
                ["Wuye:Notifications:Sms:ReceiptToken"] = Token,
            }
        )
        {
            Clock = _clock,
        };
        await _app.DbAsync(async db =>
        {
            foreach (var (name, (phone, _)) in Phones)
            {
                var u = await db.Users.FirstAsync(x => x.UserName == name);
                (u.PhoneNumber, u.Email) = (phone, null);
                _users[name] = u.Id;
            }
            await db.SaveChangesAsync();
            _service = await db.Users.Where(u => u.UserName == "service").Select(u => u.Id).FirstAsync();
            return 0;
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _gateway.Dispose();
    }

    /// <summary>The desk (service) sends a plain message to the people named; the dispatcher hands the SMS to the gateway.</summary>
    private async Task SendAsync(string key, params string[] to)
    {
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = new DataScope
            {
                UserId = _service,
                IsGlobal = true,
                Roles = ["system"],
            };
            var args = new Dictionary<string, string> { ["title"] = "电梯停运", ["body"] = "2号梯今日检修" };
            await scope
                .ServiceProvider.GetRequiredService<Notifier>()
                .SendAsync([.. to.Select(n => _users[n])], null, new Message("message", args, null, key), default);
            await scope.ServiceProvider.GetRequiredService<WuyeDb>().SaveChangesAsync();
        }
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
    }

    private Task<OutboxMessage> SmsAsync(string key, string user) =>
        _app.DbAsync(db =>
            db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.DedupeKey == $"{key}:{_users[user]:N}:{NotificationChannel.Sms}")
        );

    private void AnswerQuery(string bizId, int page, int total, object record) =>
        _gateway
            .Given(
                Request
                    .Create()
                    .WithPath("/")
                    .WithParam("Action", "QuerySendDetails")
                    .WithParam("BizId", bizId)
                    .WithParam("CurrentPage", page.ToString())
                    .UsingGet()
            )
            .RespondWith(
                Response
                    .Create()
                    .WithBodyAsJson(
                        new
                        {
                            Code = "OK",
                            Message = "OK",
                            TotalCount = total,
                            SmsSendDetailDTOs = new { SmsSendDetailDTO = new[] { record } },
                        }
                    )
            );

    private static string? Param(WireMock.Logging.ILogEntry e, string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(e.RequestMessage.AbsoluteUrl).Query).TryGetValue(name, out var v)
            ? v.ToString()
            : null;

    private int Calls(string action) => _gateway.LogEntries.Count(e => Param(e, "Action") == action);

    private int Queries(string bizId) =>
        _gateway.LogEntries.Count(e => Param(e, "Action") == "QuerySendDetails" && Param(e, "BizId") == bizId);

    [Fact]
    public async Task The_receipt_job_records_delivered_and_failed_pages_through_and_stops_asking_after_72_hours()
    {
        await SendAsync("lift", "pm", "tech", "steward");
        var (pm, tech, steward) = (await SmsAsync("lift", "pm"), await SmsAsync("lift", "tech"), await SmsAsync("lift", "steward"));
        Assert.Equal(("1001^0", OutboxStatus.Sent), (pm.ProviderRef, pm.Status));
        // pm's record is on the second page (the first holds another message of that number and day).
        AnswerQuery(
            "1001^0",
            1,
            2,
            new
            {
                SendStatus = 2,
                ErrCode = "MOBILE_IN_BLACK",
                OutId = Guid.NewGuid().ToString("N"),
                PhoneNum = "15900159011",
            }
        );
        AnswerQuery(
            "1001^0",
            2,
            2,
            new
            {
                SendStatus = 3,
                ErrCode = "DELIVERED",
                ReceiveDate = "2026-12-08 10:00:07",
                OutId = pm.Id.ToString("N"),
                PhoneNum = "15900159011",
            }
        );
        AnswerQuery(
            "1002^0",
            1,
            1,
            new
            {
                SendStatus = 2,
                ErrCode = "MOBILE_NOT_ON_SERVICE",
                ReceiveDate = "2026-12-08 10:00:09",
                OutId = tech.Id.ToString("N"),
            }
        );
        AnswerQuery("1003^0", 1, 1, new { SendStatus = 1, OutId = steward.Id.ToString("N") });

        var job = _app.Services.GetRequiredService<SmsReceiptJob>();
        _clock.SetUtcNow(China(2026, 12, 8, 10, 5).ToUniversalTime());
        Assert.Equal(2, await job.RunOnceAsync());
        pm = await SmsAsync("lift", "pm");
        Assert.Equal((DeliveryReceipt.Delivered, China(2026, 12, 8, 10, 0).AddSeconds(7)), (pm.Receipt, pm.ReceiptAt!.Value));
        Assert.Null(pm.ReceiptError);
        tech = await SmsAsync("lift", "tech");
        Assert.Equal((DeliveryReceipt.Failed, "MOBILE_NOT_ON_SERVICE"), (tech.Receipt, tech.ReceiptError));
        Assert.Null((await SmsAsync("lift", "steward")).Receipt);
        var sent = Queries("1001^0");
        var request = _gateway.LogEntries.Last(e => Param(e, "BizId") == "1002^0");
        Assert.Equal(("15900159012", "20261208"), (Param(request, "PhoneNumber"), Param(request, "SendDate")));

        // Still waiting: the steward's is asked again, the final ones never again.
        _clock.SetUtcNow(China(2026, 12, 9, 10, 0).ToUniversalTime());
        var stewardAsked = Queries("1003^0");
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal((sent, stewardAsked + 1), (Queries("1001^0"), Queries("1003^0")));

        // Past 72 hours after sending, nobody asks any more.
        _clock.SetUtcNow(China(2026, 12, 11, 10, 1).ToUniversalTime());
        Assert.Equal(0, await job.RunOnceAsync());
        Assert.Equal(stewardAsked + 1, Queries("1003^0"));
    }

    private Task<HttpResponseMessage> PushAsync(string? token, string json)
    {
        var client = _app.CreateClient();
        var url = token is null ? "/api/v1/sms-receipts" : $"/api/v1/sms-receipts?token={Uri.EscapeDataString(token)}";
        return client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
    }

    private static string Report(string bizId, string phone, bool success, string code) =>
        $$"""
            [{"phone_number":"{{phone}}","send_time":"2026-12-08 10:00:00","report_time":"2026-12-08 10:00:05",
              "success":{{(success ? "true" : "false")}},"err_code":"{{code}}","err_msg":"{{code}}","sms_size":"1",
              "biz_id":"{{bizId}}","out_id":""}]
            """;

    [Fact]
    public async Task A_pushed_receipt_is_recorded_once_and_a_forged_push_is_refused_and_changes_nothing()
    {
        await SendAsync("push", "pm", "tech");
        var failed = Report("1001^0", "15900159011", false, "MOBILE_NOT_ON_SERVICE");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync("receipt-secret-0123456788", failed)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PushAsync(null, failed)).StatusCode);
        var client = _app.CreateClient();
        var header = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms-receipts")
        {
            Content = new StringContent(failed, Encoding.UTF8, "application/json"),
        };
        header.Headers.Add(SmsReceiptEndpoints.TokenHeader, "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(header)).StatusCode);
        Assert.Null((await SmsAsync("push", "pm")).Receipt);

        // The right token: the known message is recorded; an unknown BizId, or a known one for another number, is ignored.
        var res = await PushAsync(
            Token,
            $"[{Report("1001^0", "15900159011", false, "MOBILE_NOT_ON_SERVICE")[1..^1]},"
                + $"{Report("999^0", "15900159011", true, "DELIVERED")[1..^1]},{Report("1002^0", "15900159099", true, "DELIVERED")[1..^1]}]"
        );
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var answer = await res.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":0", answer);
        Assert.Contains("成功", answer);
        var pm = await SmsAsync("push", "pm");
        Assert.Equal((DeliveryReceipt.Failed, "MOBILE_NOT_ON_SERVICE"), (pm.Receipt, pm.ReceiptError));
        Assert.Equal(China(2026, 12, 8, 10, 0).AddSeconds(5), pm.ReceiptAt!.Value);
        Assert.Null((await SmsAsync("push", "tech")).Receipt);

        // The same message reported again (delivered this time): the first receipt stands.
        (await PushAsync(Token, Report("1001^0", "15900159011", true, "DELIVERED"))).EnsureSuccessStatusCode();
        Assert.Equal(DeliveryReceipt.Failed, (await SmsAsync("push", "pm")).Receipt);
        Assert.Equal(HttpStatusCode.BadRequest, (await PushAsync(Token, "{not json")).StatusCode);
    }

    [Fact]
    public async Task Only_the_sender_sees_a_receipt_and_sends_a_failed_sms_again_once()
    {
        await SendAsync("iso", "tech");
        (await PushAsync(Token, Report("1002^0", "15900159012", false, "MOBILE_NOT_ON_SERVICE"))).EnsureSuccessStatusCode();
        var sms = await SmsAsync("iso", "tech");

        var desk = await _app.As("service");
        var failed = await desk.GetJsonAsync("/api/v1/message-deliveries?state=failed&pageSize=50");
        var row = Assert.Single(failed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == sms.Id);
        Assert.Equal(
            ("Failed", "Failed", "159****9012"),
            (row.GetProperty("state").GetString(), row.GetProperty("receipt").GetString(), row.GetProperty("address").GetString())
        );
        Assert.Contains("MOBILE_NOT_ON_SERVICE", row.GetProperty("reason").GetString());
        Assert.True(row.GetProperty("canRetry").GetBoolean());
        var delivered = await desk.GetJsonAsync("/api/v1/message-deliveries?state=delivered&pageSize=50");
        Assert.DoesNotContain(delivered.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == sms.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.GetAsync("/api/v1/message-deliveries?state=lost")).StatusCode);

        // Another company's manager, and the recipient himself, neither read it nor send it again.
        foreach (var other in new[] { "manager2", "tech" })
        {
            var c = await _app.As(other);
            var theirs = await c.GetJsonAsync("/api/v1/message-deliveries?pageSize=100");
            Assert.DoesNotContain(theirs.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == sms.Id);
            Assert.Equal(
                HttpStatusCode.NotFound,
                (await c.PostJsonAsync($"/api/v1/message-deliveries/{sms.Id}/retry", new { })).StatusCode
            );
        }

        var again = await desk.PostJsonAsync($"/api/v1/message-deliveries/{sms.Id}/retry", new { }).OkAsync();
        Assert.Equal("Queued", again.GetProperty("state").GetString());
        var twice = await desk.PostJsonAsync($"/api/v1/message-deliveries/{sms.Id}/retry", new { });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("message.already_retried", await twice.Content.ReadAsStringAsync());
        var before = Calls("SendSms");
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var resent = await _app.DbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.DedupeKey == $"retry:{sms.Id:N}"));
        Assert.Equal((OutboxStatus.Sent, "1002^0", _service), (resent.Status, resent.ProviderRef, resent.SenderUserId!.Value));
        Assert.Equal(before + 1, Calls("SendSms"));
        Assert.Equal(DeliveryReceipt.Failed, (await SmsAsync("iso", "tech")).Receipt);
    }
}
