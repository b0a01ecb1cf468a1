using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;

namespace Wuye.Platform.Notifications;

public enum NotificationChannel
{
    InApp,
    Sms,
    Email,
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Dead,

    /// <summary>Not sent on purpose (opt-out, channel switched off); the reason is in LastError.</summary>
    Suppressed,
}

/// <summary>
/// A message waiting to go out on one channel. Written in the same transaction as the change
/// that caused it, so a rolled-back change never notifies; sent by <see cref="OutboxDispatchJob"/>,
/// retried with backoff, and delivered at most once (the sinks key on this id).
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public NotificationChannel Channel { get; set; }
    public Guid? RecipientUserId { get; set; }
    public Guid? CompanyId { get; set; }

    /// <summary>Phone number or e-mail address for Sms/Email; null for InApp.</summary>
    public string? Address { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }

    /// <summary>Stops the same event from being queued twice (e.g. by two app instances).</summary>
    public string? DedupeKey { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The message kind (templates, quiet hours); null for codes and on-duty alerts, which go out at once.</summary>
    public string? Kind { get; set; }
    public MessageUrgency Urgency { get; set; }

    /// <summary>The same message to the same person on every channel shares this id (the SMS fallback finds its in-app twin).</summary>
    public Guid? GroupId { get; set; }

    /// <summary>Who caused the message (the signed-in user), so they can see its delivery.</summary>
    public Guid? SenderUserId { get; set; }

    /// <summary>Set while the message waits for the end of quiet hours.</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    /// <summary>The gateway's id for the delivery receipt (SMS BizId).</summary>
    public string? ProviderRef { get; set; }

    /// <summary>An SMS sent because its important in-app twin stayed unread.</summary>
    public bool Fallback { get; set; }

    /// <summary>What the gateway's delivery receipt said (null while none has come): delivered to the phone, or failed.</summary>
    public DeliveryReceipt? Receipt { get; set; }

    /// <summary>When the phone received it (or the operator reported the failure), as the receipt says.</summary>
    public DateTimeOffset? ReceiptAt { get; set; }

    /// <summary>The operator's error code and text of a failed receipt (e.g. MOBILE_NOT_ON_SERVICE).</summary>
    public string? ReceiptError { get; set; }

    /// <summary>
    /// Records a delivery receipt once: the first final answer stands, so a receipt pushed and then pulled (or pushed
    /// twice) changes nothing the second time. Returns whether it changed the message.
    /// </summary>
    public bool RecordReceipt(bool delivered, string? code, string? text, DateTimeOffset at)
    {
        if (Receipt is not null || Status != OutboxStatus.Sent)
            return false;
        Receipt = delivered ? DeliveryReceipt.Delivered : DeliveryReceipt.Failed;
        ReceiptAt = at;
        if (!delivered)
        {
            var error = string.IsNullOrWhiteSpace(text) || text == code ? code ?? "" : $"{code}: {text}";
            ReceiptError = error.Length > 200 ? error[..200] : error;
        }
        return true;
    }
}

public enum DeliveryReceipt
{
    Delivered,
    Failed,
}

/// <summary>An entry in a user's notification centre (the InApp channel's sink).</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OutboxMessageId { get; set; }
    public Guid RecipientUserId { get; set; }
    public Guid? CompanyId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>What the simulated SMS and e-mail gateways received (one row per outbox message, never two).</summary>
public sealed class DeliveredMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OutboxMessageId { get; set; }
    public NotificationChannel Channel { get; set; }
    public required string Address { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset DeliveredAt { get; set; }
}

internal static class NotificationsModel
{
    public static void Configure(ModelBuilder mb)
    {
        mb.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_message", "platform");
            b.Property(x => x.Address).HasMaxLength(200);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Body).HasMaxLength(2000);
            b.Property(x => x.Link).HasMaxLength(400);
            b.Property(x => x.DedupeKey).HasMaxLength(200);
            b.Property(x => x.LastError).HasMaxLength(1000);
            b.Property(x => x.Kind).HasMaxLength(40);
            b.Property(x => x.ProviderRef).HasMaxLength(100);
            b.Property(x => x.ReceiptError).HasMaxLength(200);
            b.HasIndex(x => x.ProviderRef);
            b.HasIndex(x => x.DedupeKey).IsUnique();
            b.HasIndex(x => new { x.SenderUserId, x.CreatedAt });
            b.HasIndex(x => x.GroupId);
            b.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });
        mb.Entity<Notification>(b =>
        {
            b.ToTable("notification", "platform");
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Body).HasMaxLength(2000);
            b.Property(x => x.Link).HasMaxLength(400);
            b.HasIndex(x => x.OutboxMessageId).IsUnique();
            b.HasIndex(x => new { x.RecipientUserId, x.ReadAt });
        });
        mb.Entity<MessagePreference>(b =>
        {
            b.ToTable("message_preference", "platform");
            b.HasKey(x => x.UserId);
        });
        mb.Entity<DeliveredMessage>(b =>
        {
            b.ToTable("delivered_message", "platform");
            b.Property(x => x.Address).HasMaxLength(200);
            b.Property(x => x.Title).HasMaxLength(200);
            b.Property(x => x.Body).HasMaxLength(2000);
            b.HasIndex(x => x.OutboxMessageId).IsUnique();
        });
    }

    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<Notifier>();
        services.AddSettings<ChannelOptions>(ChannelOptions.Section);
        services.AddScoped<SimulatedSink>();
        services.AddSingleton<SmtpMailer>();
        services.AddHttpClient<SmsGateway>();
        services.AddScoped<INotificationSink, ChannelSink>();
        services.AddRecurringJob<OutboxDispatchJob>(TimeSpan.FromSeconds(10));
        services.AddRecurringJob<UnreadFallbackJob>(TimeSpan.FromMinutes(10));
        services.AddRecurringJob<SmsReceiptJob>(TimeSpan.FromMinutes(5));
        services.AddScoped<Demo.IDemoDataContributor, DeliveryDemoData>();
        return services;
    }
}

/// <summary>Delivers one outbox message; throws when the channel refuses it (the dispatcher retries).</summary>
public interface INotificationSink
{
    Task DeliverAsync(WuyeDb db, OutboxMessage message, DateTimeOffset now, CancellationToken ct);
}

/// <summary>
/// InApp writes the notification centre; SMS and e-mail go to a simulated gateway (a table)
/// that, like a real one, refuses malformed addresses.
/// </summary>
internal sealed class SimulatedSink : INotificationSink
{
    public Task DeliverAsync(WuyeDb db, OutboxMessage m, DateTimeOffset now, CancellationToken ct)
    {
        switch (m.Channel)
        {
            case NotificationChannel.InApp:
                db.Set<Notification>()
                    .Add(
                        new Notification
                        {
                            OutboxMessageId = m.Id,
                            RecipientUserId = m.RecipientUserId
                                ?? throw new InvalidOperationException("in-app message without a recipient"),
                            CompanyId = m.CompanyId,
                            Title = m.Title,
                            Body = m.Body,
                            Link = m.Link,
                            CreatedAt = now,
                        }
                    );
                break;
            case NotificationChannel.Sms
                when m.Address is null || !System.Text.RegularExpressions.Regex.IsMatch(m.Address, @"^1[3-9]\d{9}$"):
                throw new InvalidOperationException($"SMS gateway refused number '{m.Address}'");
            case NotificationChannel.Email when m.Address is null || !m.Address.Contains('@'):
                throw new InvalidOperationException($"mail server refused address '{m.Address}'");
            default:
                db.Set<DeliveredMessage>()
                    .Add(
                        new DeliveredMessage
                        {
                            OutboxMessageId = m.Id,
                            Channel = m.Channel,
                            Address = m.Address!,
                            Title = m.Title,
                            Body = m.Body,
                            DeliveredAt = now,
                        }
                    );
                break;
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Sends due outbox messages. Rows are claimed with FOR UPDATE SKIP LOCKED inside one
/// transaction with the sink's writes, so two instances never send the same message and a
/// crash sends nothing half-way. A refused message is retried after 1, 2, 4, 8… minutes and
/// given up (Dead) after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatchJob(IServiceScopeFactory scopes, ILogger<OutboxDispatchJob> log) : WuyeJob(scopes, log)
{
    public const int MaxAttempts = 6;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var sink = services.GetRequiredService<INotificationSink>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.Set<OutboxMessage>()
            .FromSql(
                $"""
                select * from platform.outbox_message where status = 'Pending' and next_attempt_at <= {now}
                order by next_attempt_at limit 100 for update skip locked
                """
            )
            .ToListAsync(ct);
        var policy = await DeliveryPolicy.LoadAsync(db, batch, ct);
        foreach (var m in batch)
        {
            if (policy.Holds(m, now))
                continue;
            try
            {
                await sink.DeliverAsync(db, m, now, ct);
                m.Status = OutboxStatus.Sent;
                m.SentAt = now;
                m.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                m.Attempts++;
                m.LastError = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                if (m.Attempts >= MaxAttempts)
                    m.Status = OutboxStatus.Dead;
                else
                    m.NextAttemptAt = now.AddMinutes(Math.Pow(2, m.Attempts - 1));
                log.LogWarning(
                    "Outbox message {Id} ({Channel}) failed, attempt {Attempt}: {Error}",
                    m.Id,
                    m.Channel,
                    m.Attempts,
                    m.LastError
                );
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count(m => m.Status == OutboxStatus.Sent);
    }
}
