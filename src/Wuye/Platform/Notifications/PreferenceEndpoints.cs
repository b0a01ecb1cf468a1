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

/// <summary>
/// /api/v1/message-preferences: the signed-in person's channels and opt-out (PIPL). /api/v1/message-deliveries: the
/// messages the signed-in person caused (see <see cref="DeliveryEndpoints"/>).
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
    }
}
