using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Notifications;

public sealed record MessageDeliveryDto(
    Guid Id,
    string Channel,
    string? Kind,
    string Urgency,
    string Title,
    Guid? RecipientUserId,
    string? Address,
    string Status,
    string State,
    int Attempts,
    string? LastError,
    string? Reason,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? SentAt,
    string? Receipt,
    DateTimeOffset? ReceiptAt,
    string? ReceiptError,
    bool CanRetry,
    bool Fallback,
    DateTimeOffset CreatedAt
);

/// <summary>
/// /api/v1/message-deliveries: the messages the signed-in person caused (nobody else's, whatever their roles), with their
/// status, the gateway's delivery receipt and the reason for any failed or not sent; a failed SMS or e-mail sent again.
/// </summary>
public static class DeliveryEndpoints
{
    public static IQueryable<OutboxMessage> Mine(WuyeDb db, Guid? me, DeliveryState? state, DateTimeOffset cutoff)
    {
        var q = db.Set<OutboxMessage>().AsNoTracking().Where(m => me != null && m.SenderUserId == me);
        return state is { } s ? q.Where(Deliveries.In(s, cutoff)) : q;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var d = api.MapGroup("/message-deliveries").WithTags("Notifications");
        d.MapGet(
                "/",
                async (
                    WuyeDb db,
                    ScopeAccessor scopes,
                    TimeProvider clock,
                    IOptions<ChannelOptions> options,
                    string? status,
                    EnumQuery<DeliveryState>? state,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var cutoff = Deliveries.ReceiptCutoff(clock.GetUtcNow(), options.Value);
                    var q = Mine(db, scopes.Scope.UserId, state?.Value, cutoff);
                    if (Enum.TryParse<OutboxStatus>(status, out var s))
                        q = q.Where(m => m.Status == s);
                    var paged = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<MessageDeliveryDto>(
                            [.. paged.Items.Select(m => ToDto(m, cutoff))],
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .WithSummary(
                "Messages I caused, newest first: status, state (queued, held, retrying, sent, delivered, noReceipt = an SMS "
                    + "without a receipt after Sms:ReceiptHours, failed, suppressed), receipt, reason"
            );
        d.MapPost("/{id:guid}/retry", async (WuyeDb db, ScopeAccessor scopes, TimeProvider clock, Guid id, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await RetryAsync(db, scopes.Scope.UserId, id, clock.GetUtcNow(), ct), DateTimeOffset.MinValue))
            )
            .WithSummary("Send a failed SMS or e-mail of mine again (once per failed message; quiet hours and opt-out still apply)");
    }

    /// <summary>A failed message sent again as a new one (the failed one stays as the record of the failure).</summary>
    public static async Task<OutboxMessage> RetryAsync(WuyeDb db, Guid? me, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var m = await db.Set<OutboxMessage>().AsNoTracking().FirstOrDefaultAsync(x => me != null && x.SenderUserId == me && x.Id == id, ct)
            ?? throw new NotFoundException("message");
        if (!Deliveries.CanRetry(m))
            throw new RuleException(
                "message.not_failed",
                "只有发送失败的短信或邮件可以重发",
                "Only a failed SMS or e-mail can be sent again"
            );
        var key = $"retry:{m.Id:N}";
        if (await db.Set<OutboxMessage>().AnyAsync(x => x.DedupeKey == key, ct))
            throw new RuleException("message.already_retried", "这条消息已经重发过", "This message has already been sent again");
        var again = new OutboxMessage
        {
            Channel = m.Channel,
            RecipientUserId = m.RecipientUserId,
            CompanyId = m.CompanyId,
            Address = m.Address,
            Title = m.Title,
            Body = m.Body,
            Link = m.Link,
            DedupeKey = key,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            Kind = m.Kind,
            Urgency = m.Urgency,
            GroupId = m.GroupId,
            SenderUserId = me,
            Fallback = m.Fallback,
        };
        db.Set<OutboxMessage>().Add(again);
        await db.SaveChangesAsync(ct);
        return again;
    }

    private static MessageDeliveryDto ToDto(OutboxMessage m, DateTimeOffset cutoff) =>
        new(
            m.Id,
            m.Channel.ToString(),
            m.Kind,
            m.Urgency.ToString(),
            m.Title,
            m.RecipientUserId,
            Mask(m.Address),
            m.Status.ToString(),
            Deliveries.State(m, cutoff).ToString(),
            m.Attempts,
            m.LastError,
            Deliveries.Reason(m)?.ToString(),
            m.HeldUntil,
            m.SentAt,
            m.Receipt?.ToString(),
            m.ReceiptAt,
            m.ReceiptError,
            Deliveries.CanRetry(m),
            m.Fallback,
            m.CreatedAt
        );

    /// <summary>138****8000 / o***@example.com: the sender sees where, not the whole address.</summary>
    public static string? Mask(string? a) =>
        a is null ? null
        : a.Contains('@') ? a[..1] + "***" + a[a.IndexOf('@')..]
        : a.Length >= 7 ? a[..3] + "****" + a[^4..]
        : "****";
}
