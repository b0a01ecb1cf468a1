using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>The tests share one app, each on its own clock, and look only at the messages they queued.</summary>
public sealed class OutboxTests : IClassFixture<SharedApp>
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 23, 9, 0).ToUniversalTime());
    private readonly WuyeApp _app;

    public OutboxTests(SharedApp shared) => _app = shared.Use(_clock);

    private Task<Guid> QueueAsync(NotificationChannel channel, string? address) =>
        _app.DbAsync(async db =>
        {
            var m = new OutboxMessage
            {
                Channel = channel,
                Address = address,
                Title = "测试",
                Body = "正文",
                Status = OutboxStatus.Pending,
                NextAttemptAt = _clock.GetUtcNow(),
                CreatedAt = _clock.GetUtcNow(),
            };
            db.Set<OutboxMessage>().Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

    private Task<OutboxMessage> ReadAsync(Guid id) =>
        _app.DbAsync(db => db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id));

    [Fact]
    public async Task A_refused_message_is_retried_with_growing_backoff_and_given_up_after_the_last_attempt()
    {
        var id = await QueueAsync(NotificationChannel.Sms, "12345");
        var job = _app.Services.GetRequiredService<OutboxDispatchJob>();
        await job.RunOnceAsync();
        var m = await ReadAsync(id);
        Assert.Equal((1, OutboxStatus.Pending), (m.Attempts, m.Status));
        Assert.Equal(_clock.GetUtcNow().AddMinutes(1), m.NextAttemptAt);
        Assert.Contains("refused", m.LastError);

        await job.RunOnceAsync(); // not due yet: no attempt
        Assert.Equal(1, (await ReadAsync(id)).Attempts);

        for (var attempt = 2; attempt <= OutboxDispatchJob.MaxAttempts; attempt++)
        {
            _clock.SetUtcNow((await ReadAsync(id)).NextAttemptAt.ToUniversalTime());
            await job.RunOnceAsync();
        }
        m = await ReadAsync(id);
        Assert.Equal((OutboxDispatchJob.MaxAttempts, OutboxStatus.Dead), (m.Attempts, m.Status));
        Assert.False(await _app.DbAsync(db => db.Set<DeliveredMessage>().AnyAsync(d => d.OutboxMessageId == id)));
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_each_message_exactly_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
            ids.Add(await QueueAsync(NotificationChannel.Sms, $"1380013{i:D4}"));
        var job = _app.Services.GetRequiredService<OutboxDispatchJob>();
        await Task.WhenAll(job.RunOnceAsync(), job.RunOnceAsync(), job.RunOnceAsync());
        await job.RunOnceAsync();
        var delivered = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>().Where(d => ids.Contains(d.OutboxMessageId)).Select(d => d.OutboxMessageId).ToListAsync()
        );
        Assert.Equal(ids.Order(), delivered.Order());
        Assert.True(
            await _app.DbAsync(db => db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).AllAsync(m => m.Status == OutboxStatus.Sent))
        );
    }

    [Fact]
    public async Task Notifications_are_seen_only_by_their_recipient_and_can_be_marked_read()
    {
        var pmId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync());
        await _app.DbAsync(async db =>
        {
            db.Set<OutboxMessage>()
                .Add(
                    new OutboxMessage
                    {
                        Channel = NotificationChannel.InApp,
                        RecipientUserId = pmId,
                        Title = "工单超时",
                        Body = "b",
                        NextAttemptAt = _clock.GetUtcNow(),
                        CreatedAt = _clock.GetUtcNow(),
                    }
                );
            return await db.SaveChangesAsync();
        });
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var pm = await _app.As("pm");
        Assert.Equal(1, (await pm.GetJsonAsync("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await (await _app.As("tech")).GetJsonAsync("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
        var nothing = await pm.PostJsonAsync("/api/v1/notifications/read", new { });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, nothing.StatusCode);
        var marked = await (await pm.PostJsonAsync("/api/v1/notifications/read", new { all = true })).JsonAsync();
        Assert.Equal(1, marked.GetProperty("marked").GetInt32());
        Assert.Equal(0, (await pm.GetJsonAsync("/api/v1/notifications/unread-count")).GetProperty("count").GetInt32());
    }
}
