using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Platform;

/// <summary>
/// An SMS still without a delivery receipt <c>Sms:ReceiptHours</c> (72 h) after it was sent shows as 无回执 (noReceipt)
/// to its sender, in the API's state and filter and on the deliveries page, with a moved clock; one whose receipt said
/// delivered stays delivered, and before the 72 h the other is still "sent".
/// </summary>
public sealed class NoReceiptTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 12, 8, 10, 0));
    private WuyeApp _app = null!;
    private Guid _service,
        _pm,
        _tech;

    public async ValueTask InitializeAsync()
    {
        _app = new WuyeApp(cluster, await cluster.CloneAsync()) { Clock = _clock };
        (_service, _pm, _tech) = await _app.DbAsync(async db =>
        {
            var pm = await db.Users.FirstAsync(u => u.UserName == "pm");
            var tech = await db.Users.FirstAsync(u => u.UserName == "tech");
            (pm.PhoneNumber, pm.Email, tech.PhoneNumber, tech.Email) = ("15900159021", null, "15900159022", null);
            await db.SaveChangesAsync();
            var service = await db.Users.Where(u => u.UserName == "service").Select(u => u.Id).FirstAsync();
            return (service, pm.Id, tech.Id);
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_sms_without_a_receipt_after_72_hours_shows_no_receipt_and_a_delivered_one_stays_delivered()
    {
        using (var scope = _app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = new DataScope
            {
                UserId = _service,
                IsGlobal = true,
                Roles = ["system"],
            };
            var args = new Dictionary<string, string> { ["title"] = "停水通知", ["body"] = "明日 8:00–14:00 停水" };
            await scope
                .ServiceProvider.GetRequiredService<Notifier>()
                .SendAsync([_pm, _tech], null, new Message("message", args, null, "no-receipt-1"), default);
            await scope.ServiceProvider.GetRequiredService<WuyeDb>().SaveChangesAsync();
        }
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var (delivered, waiting) = await _app.DbAsync(async db =>
        {
            var sms = await db.Set<OutboxMessage>()
                .Where(m => m.DedupeKey!.StartsWith("no-receipt-1:") && m.Channel == NotificationChannel.Sms)
                .ToListAsync();
            var toPm = sms.Single(m => m.RecipientUserId == _pm);
            Assert.Equal(OutboxStatus.Sent, toPm.Status);
            Assert.True(toPm.RecordReceipt(true, null, null, _clock.GetUtcNow().AddSeconds(20)));
            await db.SaveChangesAsync();
            return (toPm.Id, sms.Single(m => m.RecipientUserId == _tech).Id);
        });
        var desk = await _app.As("service");

        Assert.Equal("Sent", await StateAsync(desk, waiting));
        Assert.DoesNotContain(waiting, await IdsAsync(desk, "noReceipt"));

        _clock.SetUtcNow(China(2026, 12, 11, 9, 59).ToUniversalTime()); // 71 h 59 min after sending
        _app.ForgetTokens(); // a token does not last days
        desk = await _app.As("service");
        Assert.Equal("Sent", await StateAsync(desk, waiting));

        _clock.SetUtcNow(China(2026, 12, 11, 11, 0).ToUniversalTime()); // 73 h after sending
        _app.ForgetTokens();
        desk = await _app.As("service");
        Assert.Equal("NoReceipt", await StateAsync(desk, waiting));
        Assert.Equal("Delivered", await StateAsync(desk, delivered));
        var noReceipt = await IdsAsync(desk, "noReceipt");
        Assert.Contains(waiting, noReceipt);
        Assert.DoesNotContain(delivered, noReceipt);
        Assert.DoesNotContain(waiting, await IdsAsync(desk, "sent"));
        Assert.Contains(delivered, await IdsAsync(desk, "delivered"));

        var page = await desk.GetStringAsync("/notifications/deliveries?state=noreceipt");
        Assert.Contains($"data-id=\"{waiting}\" data-state=\"NoReceipt\"", page);
        Assert.Contains("无回执", page);
        Assert.DoesNotContain($"data-id=\"{delivered}\"", page);

        // Nobody else sees the desk's messages in any state.
        var pm = await _app.As("pm");
        Assert.DoesNotContain(waiting, await IdsAsync(pm, "noReceipt"));
    }

    private static async Task<string> StateAsync(HttpClient c, Guid id)
    {
        var items = (await c.GetJsonAsync("/api/v1/message-deliveries?pageSize=100")).GetProperty("items").EnumerateArray();
        return items.Single(i => i.GetProperty("id").GetGuid() == id).GetProperty("state").GetString()!;
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient c, string state)
    {
        return
        [
            .. (await c.GetJsonAsync($"/api/v1/message-deliveries?state={state}&pageSize=100"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(i => i.GetProperty("id").GetGuid()),
        ];
    }
}
