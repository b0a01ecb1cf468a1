using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Platform;

/// <summary>
/// Templated messages through the outbox with a moved clock: quiet hours hold them until 08:00 (emergencies pass), the
/// e-mail reaching a real SMTP server started here; preferences and opt-out (PIPL) suppress with a reason the sender
/// sees; an important message unread after N hours goes by SMS to those who chose that.
/// </summary>
public sealed class MessagingTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = At(China(2026, 12, 7, 23, 0));
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start(ChannelTests.FreePort());
    private WuyeApp _app = null!;
    private Guid _pm,
        _tech;

    public async ValueTask InitializeAsync()
    {
        _app = new WuyeApp(
            cluster,
            await cluster.CloneAsync(),
            settings: new()
            {
                ["Wuye:Notifications:Smtp:Host"] = "127.0.0.1",
                ["Wuye:Notifications:Smtp:Port"] = _smtp.Configuration.Port.ToString(),
                ["Wuye:Notifications:Smtp:Security"] = "None",
                ["Wuye:Notifications:UnreadFallbackHours"] = "4",
            }
        )
        {
            Clock = _clock,
        };
        (_pm, _tech) = await _app.DbAsync(async db =>
        {
            var pm = await db.Users.FirstAsync(u => u.UserName == "pm");
            (pm.PhoneNumber, pm.Email, pm.Culture) = ("13800138011", "pm@wuye.test", "en");
            await db.SaveChangesAsync();
            return (pm.Id, await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _smtp.Dispose();
    }

    private async Task SendAsync(Guid sender, Message m)
    {
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = new DataScope
        {
            UserId = sender,
            IsGlobal = true,
            Roles = ["system"],
        };
        await scope.ServiceProvider.GetRequiredService<Notifier>().SendAsync([_pm], null, m, default);
        await scope.ServiceProvider.GetRequiredService<WuyeDb>().SaveChangesAsync();
    }

    private Task DispatchAsync() => _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();

    private Task<OutboxMessage> OutAsync(string key, NotificationChannel channel) =>
        _app.DbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.DedupeKey == $"{key}:{_pm:N}:{channel}"));

    private static Dictionary<string, string> Args(params (string K, string V)[] a) => a.ToDictionary(x => x.K, x => x.V);

    [Fact]
    public async Task A_greeting_is_held_in_quiet_hours_and_mailed_at_eight_while_an_emergency_goes_at_once()
    {
        await SendAsync(_tech, new Message("greeting", Args(("occasion", "生日"), ("occasion.en", "birthday")), null, "greet"));
        await SendAsync(_tech, new Message("emergency", Args(("title", "停水"), ("body", "3号楼今晚停水")), null, "sos"));
        await DispatchAsync();

        var held = await OutAsync("greet", NotificationChannel.Email);
        Assert.Equal((OutboxStatus.Pending, China(2026, 12, 8, 8, 0)), (held.Status, held.HeldUntil!.Value));
        Assert.Equal(OutboxStatus.Sent, (await OutAsync("greet", NotificationChannel.InApp)).Status);
        var mail = Assert.Single(_smtp.ReceivedEmail);
        Assert.Equal("[Emergency] 停水", mail.Subject);

        _clock.SetUtcNow(China(2026, 12, 8, 7, 59).ToUniversalTime());
        await DispatchAsync();
        Assert.Single(_smtp.ReceivedEmail);
        _clock.SetUtcNow(China(2026, 12, 8, 8, 0).ToUniversalTime());
        await DispatchAsync();
        Assert.Equal(2, _smtp.ReceivedEmail.Length);
        var greeting = Assert.Single(_smtp.ReceivedEmail, m => m.Subject == "[Greetings] Happy birthday");
        Assert.Contains("Dear ", greeting.MessageParts[0].BodyData);
        Assert.Equal(OutboxStatus.Sent, (await OutAsync("greet", NotificationChannel.Sms)).Status);
    }

    [Fact]
    public async Task An_opted_out_person_gets_no_sms_or_mail_the_reason_is_kept_and_the_sender_sees_it()
    {
        _clock.SetUtcNow(China(2026, 12, 8, 10, 0).ToUniversalTime());
        var pm = await _app.As("pm");
        var bad = await pm.PutJsonAsync("/api/v1/message-preferences", new { sms = "Sometimes", email = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Always", (await pm.GetJsonAsync("/api/v1/message-preferences")).GetProperty("sms").GetString());
        await pm.PutJsonAsync(
                "/api/v1/message-preferences",
                new
                {
                    sms = "Always",
                    email = true,
                    optedOut = true,
                }
            )
            .OkAsync();
        Assert.True((await pm.GetJsonAsync("/api/v1/message-preferences")).GetProperty("optedOut").GetBoolean());

        await SendAsync(_tech, new Message("survey", Args(("title", "2026 年满意度调查")), null, "survey"));
        await SendAsync(_tech, new Message("emergency", Args(("title", "火警"), ("body", "请勿使用电梯")), null, "fire"));
        await DispatchAsync();
        var sms = await OutAsync("survey", NotificationChannel.Sms);
        Assert.Equal(OutboxStatus.Suppressed, sms.Status);
        Assert.StartsWith("opted-out", sms.LastError);
        Assert.Equal(OutboxStatus.Sent, (await OutAsync("survey", NotificationChannel.InApp)).Status);
        Assert.Equal(OutboxStatus.Sent, (await OutAsync("fire", NotificationChannel.Sms)).Status);
        Assert.Equal(["[Emergency] 火警"], _smtp.ReceivedEmail.Select(m => m.Subject));

        var mine = await (await _app.As("tech")).GetJsonAsync("/api/v1/message-deliveries?pageSize=50");
        // The test's two messages to pm on three channels (the demo's technician has sent others, to other people).
        var rows = mine.GetProperty("items")
            .EnumerateArray()
            .Where(r => r.GetProperty("recipientUserId") is { ValueKind: JsonValueKind.String } to && to.GetGuid() == _pm)
            .ToList();
        Assert.Equal(6, rows.Count);
        var row = rows.Single(r => r.GetProperty("id").GetGuid() == sms.Id);
        Assert.Equal(("Suppressed", "138****8011"), (row.GetProperty("status").GetString(), row.GetProperty("address").GetString()));
        Assert.Empty((await pm.GetJsonAsync("/api/v1/message-deliveries")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_important_message_still_unread_after_four_hours_goes_by_sms_to_who_chose_that()
    {
        _clock.SetUtcNow(China(2026, 12, 8, 9, 0).ToUniversalTime());
        var pm = await _app.As("pm");
        await pm.PutJsonAsync(
                "/api/v1/message-preferences",
                new
                {
                    sms = "FallbackOnly",
                    email = false,
                    optedOut = false,
                }
            )
            .OkAsync();
        await SendAsync(_tech, new Message("notice", Args(("title", "电梯年检"), ("body", "周三年检")), "/portal/notices/1", "unread"));
        await SendAsync(_tech, new Message("notice", Args(("title", "绿化修剪"), ("body", "周四修剪")), "/portal/notices/2", "read"));
        await SendAsync(_tech, new Message("greeting", Args(("occasion", "新年")), null, "normal"));
        await DispatchAsync();
        Assert.StartsWith("sms-fallback-only", (await OutAsync("unread", NotificationChannel.Sms)).LastError);
        Assert.StartsWith("email-off", (await OutAsync("unread", NotificationChannel.Email)).LastError);
        var read = (await OutAsync("read", NotificationChannel.InApp)).Id;
        var note = await _app.DbAsync(db => db.Set<Notification>().IgnoreQueryFilters().FirstAsync(n => n.OutboxMessageId == read));
        await pm.PostJsonAsync("/api/v1/notifications/read", new { ids = new[] { note.Id } }).OkAsync();

        var job = _app.Services.GetRequiredService<UnreadFallbackJob>();
        _clock.SetUtcNow(China(2026, 12, 8, 12, 59).ToUniversalTime());
        Assert.Equal(0, await job.RunOnceAsync());
        _clock.SetUtcNow(China(2026, 12, 8, 13, 0).ToUniversalTime());
        Assert.Equal(1, await job.RunOnceAsync());
        Assert.Equal(0, await job.RunOnceAsync());
        await DispatchAsync();
        var sms = await OutAsync("unread", NotificationChannel.Sms);
        Assert.Equal((OutboxStatus.Sent, true), (sms.Status, sms.Fallback));
        Assert.True(await _app.DbAsync(db => db.Set<DeliveredMessage>().AnyAsync(d => d.OutboxMessageId == sms.Id)));
        Assert.Equal(OutboxStatus.Suppressed, (await OutAsync("read", NotificationChannel.Sms)).Status);
        Assert.Equal(OutboxStatus.Suppressed, (await OutAsync("normal", NotificationChannel.Sms)).Status);
    }
}
