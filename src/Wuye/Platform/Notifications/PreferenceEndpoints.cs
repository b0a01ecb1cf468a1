using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Notifications;

public sealed record MessagePreferenceDto(string Sms, bool Email, bool OptedOut, DateTimeOffset? UpdatedAt);

public sealed record MessagePreferenceInput(string? Sms, bool? Email, bool? OptedOut) : IValidatable
{
    public void Validate(Validator v)
    {
        if (!Enum.TryParse<SmsMode>(Sms, ignoreCase: false, out _) || int.TryParse(Sms, out _))
            v.Add("sms", "短信方式须为 Always、FallbackOnly 或 Never", "SMS must be Always, FallbackOnly or Never");
        v.Required("email", Email, "是否接收邮件", "E-mail");
        v.Required("optedOut", OptedOut, "是否撤回同意", "Opted out");
    }
}

public sealed record MessageDeliveryDto(
    Guid Id,
    string Channel,
    string? Kind,
    string Urgency,
    string Title,
    Guid? RecipientUserId,
    string? Address,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? HeldUntil,
    DateTimeOffset? SentAt,
    bool Fallback,
    DateTimeOffset CreatedAt
);

/// <summary>
/// /api/v1/message-preferences: the signed-in person's channels and opt-out (PIPL). /api/v1/message-deliveries: the
/// messages the signed-in person caused, with their delivery status, attempts and the reason for any not sent.
/// </summary>
public static class PreferenceEndpoints
{
    public static MessagePreferenceDto Dto(MessagePreference? p) =>
        p is null ? new(nameof(SmsMode.Always), true, false, null) : new(p.Sms.ToString(), p.Email, p.OptedOut, p.UpdatedAt);

    /// <summary>Saves the person's choice (one row per person); the caller is signed in.</summary>
    public static async Task<MessagePreference> SaveAsync(
        WuyeDb db,
        Guid userId,
        SmsMode sms,
        bool email,
        bool optedOut,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var p = await db.Set<MessagePreference>().FirstOrDefaultAsync(x => x.UserId == userId, ct);
        if (p is null)
            db.Set<MessagePreference>().Add(p = new MessagePreference { UserId = userId });
        (p.Sms, p.Email, p.OptedOut, p.UpdatedAt) = (sms, email, optedOut, now);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/message-preferences").WithTags("Notifications");
        g.MapGet("/", async (WuyeDb db, CancellationToken ct) =>
                TypedResults.Ok(Dto(await db.Set<MessagePreference>().AsNoTracking().FirstOrDefaultAsync(ct)))
            )
            .WithSummary("My message channels and consent");
        g.MapPut("/", async (WuyeDb db, ScopeAccessor scopes, TimeProvider clock, MessagePreferenceInput body, CancellationToken ct) =>
            {
                var me = scopes.Scope.UserId ?? throw new UnauthorizedAccessException();
                var p = await SaveAsync(
                    db,
                    me,
                    Enum.Parse<SmsMode>(body.Sms!),
                    body.Email!.Value,
                    body.OptedOut!.Value,
                    clock.GetUtcNow(),
                    ct
                );
                return TypedResults.Ok(Dto(p));
            })
            .WithSummary("Choose my message channels or withdraw consent (emergencies still reach me)");

        var d = api.MapGroup("/message-deliveries").WithTags("Notifications");
        d.MapGet("/", async (WuyeDb db, ScopeAccessor scopes, string? status, int? page, int? pageSize, CancellationToken ct) =>
            {
                var me = scopes.Scope.UserId;
                var q = db.Set<OutboxMessage>().AsNoTracking().Where(m => me != null && m.SenderUserId == me);
                if (Enum.TryParse<OutboxStatus>(status, out var s))
                    q = q.Where(m => m.Status == s);
                var paged = await q.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<MessageDeliveryDto>([.. paged.Items.Select(ToDto)], paged.Page, paged.PageSize, paged.Total)
                );
            })
            .WithSummary("Messages I caused, newest first, with status, attempts and why any was not sent");
    }

    private static MessageDeliveryDto ToDto(OutboxMessage m) =>
        new(
            m.Id,
            m.Channel.ToString(),
            m.Kind,
            m.Urgency.ToString(),
            m.Title,
            m.RecipientUserId,
            Mask(m.Address),
            m.Status.ToString(),
            m.Attempts,
            m.LastError,
            m.HeldUntil,
            m.SentAt,
            m.Fallback,
            m.CreatedAt
        );

    /// <summary>138****8000 / o***@example.com: the sender sees where, not the whole address.</summary>
    private static string? Mask(string? a) =>
        a is null ? null
        : a.Contains('@') ? a[..1] + "***" + a[a.IndexOf('@')..]
        : a.Length >= 7 ? a[..3] + "****" + a[^4..]
        : "****";
}
