using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>The sender's delivery page (发送记录) on a phone: a failed SMS with the operator's reason, sent again from there.</summary>
public sealed class DeliveryPageTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_failed_sms_shows_its_reason_and_is_sent_again_from_a_phone()
    {
        var now = DateTimeOffset.UtcNow;
        var (failed, suppressed) = await _b.App.DbAsync(async db =>
        {
            var service = await db.Users.Where(u => u.UserName == "service").Select(u => u.Id).FirstAsync();
            var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            OutboxMessage Sms(string title, OutboxStatus status) =>
                new()
                {
                    Channel = NotificationChannel.Sms,
                    RecipientUserId = pm,
                    SenderUserId = service,
                    Address = "13800138011",
                    Title = title,
                    Body = "2号梯今日检修",
                    Status = status,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    SentAt = status == OutboxStatus.Sent ? now : null,
                    ProviderRef = status == OutboxStatus.Sent ? $"page-{Guid.NewGuid():N}" : null,
                    Kind = "message",
                };
            var f = Sms($"电梯停运 {Guid.NewGuid():N}"[..12], OutboxStatus.Sent);
            f.RecordReceipt(false, "MOBILE_NOT_ON_SERVICE", "停机", now.AddSeconds(5));
            var s = Sms("绿化修剪通知", OutboxStatus.Suppressed);
            s.LastError = "opted-out: 已撤回消息同意 / consent withdrawn";
            db.Set<OutboxMessage>().AddRange(f, s);
            await db.SaveChangesAsync();
            return (f.Id, s.Id);
        });

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");
        await page.GotoAsync("/notifications");
        await page.ClickAsync("[data-testid=my-deliveries]");
        await page.ClickAsync("[data-testid=filter-failed]");
        var row = page.Locator($"[data-testid=delivery][data-id='{failed}']");
        Assert.Equal("Failed", await row.GetAttributeAsync("data-state"));
        Assert.Equal("发送失败", (await row.Locator("[data-testid=delivery-state]").InnerTextAsync()).Trim());
        Assert.Equal(
            "停机、空号、关机或不在服务区（MOBILE_NOT_ON_SERVICE）",
            (await row.Locator("[data-testid=delivery-reason]").InnerTextAsync()).Trim()
        );
        Assert.Equal(0, await page.Locator($"[data-id='{suppressed}']").CountAsync());
        await page.AssertFitsPhoneAsync();

        await row.Locator("[data-testid=retry]").ClickAsync();
        await page.Locator("[data-testid=resent]").WaitForAsync();
        Assert.Equal(1, await page.Locator($"[data-testid=delivery][data-id='{failed}'] [data-testid=retried]").CountAsync());
        Assert.True(await _b.App.DbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.DedupeKey == $"retry:{failed:N}")));

        await page.GotoAsync("/notifications/deliveries?state=suppressed&culture=en&ui-culture=en");
        var off = page.Locator($"[data-testid=delivery][data-id='{suppressed}']");
        Assert.Equal("consent withdrawn", (await off.Locator("[data-testid=delivery-reason]").InnerTextAsync()).Trim());
        Assert.Equal("Not sent", (await off.Locator("[data-testid=delivery-state]").InnerTextAsync()).Trim());
        await page.AssertFitsPhoneAsync();

        var empty = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(empty, "owner");
        await empty.GotoAsync("/notifications/deliveries");
        await empty.Locator("[data-testid=none]").WaitForAsync();
        Assert.Equal(0, await empty.Locator("[data-testid=delivery]").CountAsync());
    }
}
