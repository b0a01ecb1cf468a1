using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;

namespace Wuye.Platform.Notifications;

public enum MessageUrgency
{
    Normal,

    /// <summary>Falls back to SMS when still unread in the app after some hours.</summary>
    Important,

    /// <summary>Goes out at once on every channel: no quiet hours, no opt-out (PIPL art. 13 (4): life and safety).</summary>
    Emergency,
}

public enum SmsMode
{
    /// <summary>Every message also by SMS (the default).</summary>
    Always,

    /// <summary>SMS only for emergencies and for an important message still unread in the app.</summary>
    FallbackOnly,
    Never,
}

/// <summary>A person's choice of channels (个人信息保护法: consent and its withdrawal). No row = the defaults.</summary>
public sealed class MessagePreference
{
    public Guid UserId { get; set; }
    public SmsMode Sms { get; set; }
    public bool Email { get; set; } = true;

    /// <summary>Consent withdrawn: no SMS or e-mail but emergencies; the in-app centre stays.</summary>
    public bool OptedOut { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One message kind: its urgency and its zh-CN and en title and body, with {argument} holes.</summary>
public sealed record MessageTemplate(string Kind, MessageUrgency Urgency, string TitleZh, string BodyZh, string TitleEn, string BodyEn)
{
    public (string Title, string Body) Render(bool en, IReadOnlyDictionary<string, string> args, string name) =>
        (Fill(en ? TitleEn : TitleZh, en, args, name), Fill(en ? BodyEn : BodyZh, en, args, name));

    private static string Fill(string text, bool en, IReadOnlyDictionary<string, string> args, string name) =>
        Regex.Replace(text, @"\{([a-z]+)\}", m => m.Groups[1].Value == "name" && !args.ContainsKey("name") ? name
            : en && args.TryGetValue(m.Groups[1].Value + ".en", out var e) ? e
            : args.GetValueOrDefault(m.Groups[1].Value, ""));
}

/// <summary>The message kinds and their texts. SMS uses the gateway template set per kind in the settings.</summary>
public static class MessageTemplates
{
    public static readonly MessageTemplate[] All =
    [
        new("notice", MessageUrgency.Important, "【公告】{title}", "{body}", "[Notice] {title}", "{body}"),
        new("emergency", MessageUrgency.Emergency, "【紧急通知】{title}", "{body}", "[Emergency] {title}", "{body}"),
        new(
            "greeting",
            MessageUrgency.Normal,
            "【问候】祝您{occasion}快乐",
            "尊敬的{name}：物业服务中心全体员工祝您{occasion}快乐！",
            "[Greetings] Happy {occasion}",
            "Dear {name}, all of us at the property service centre wish you a happy {occasion}!"
        ),
        new(
            "bill",
            MessageUrgency.Important,
            "【缴费提醒】{period} 账单",
            "尊敬的{name}：您 {unit} 的 {period} 账单应缴 {amount} 元，请于 {due} 前缴纳。",
            "[Bill] {period}",
            "Dear {name}, the {period} bill for {unit} is CNY {amount}, due by {due}."
        ),
        new(
            "arrears",
            MessageUrgency.Normal,
            "【欠费提醒】{unit}",
            "尊敬的{name}：您 {unit} 尚有物业费用 {amount} 元未缴（最早一笔 {due} 到期，已逾期 {days} 天），请尽快缴纳；如对服务有意见，请联系您的管家。",
            "[Arrears] {unit}",
            "Dear {name}, CNY {amount} for {unit} is unpaid (the oldest due on {due}, {days} days ago); "
                + "please pay soon, and tell your steward if anything in our service is wrong."
        ),
        new(
            "survey",
            MessageUrgency.Normal,
            "【满意度调查】{title}",
            "尊敬的{name}：诚邀您参与「{title}」，您的意见让服务更好。",
            "[Survey] {title}",
            "Dear {name}, please take part in \"{title}\"; your view makes our service better."
        ),
        new(
            "warranty",
            MessageUrgency.Normal,
            "【保修到期提醒】{unit}",
            "尊敬的{name}：您 {unit} 的保修期将于 {date} 到期，如有需要保修的问题，请在到期前联系物业服务中心报修。",
            "[Warranty] {unit}",
            "Dear {name}, the warranty of {unit} ends on {date}; please report anything still to be repaired under it before then."
        ),
        new("message", MessageUrgency.Normal, "{title}", "{body}", "{title}", "{body}"),
    ];

    public static MessageTemplate Get(string kind) =>
        All.FirstOrDefault(t => t.Kind == kind) ?? throw new ArgumentException($"unknown message kind '{kind}'", nameof(kind));
}

/// <summary>
/// What the dispatcher does before sending: suppresses a message its recipient opted out of (the reason kept in
/// LastError), holds a templated message during quiet hours (22:00–08:00 China time) until 08:00. Emergencies pass.
/// </summary>
internal sealed class DeliveryPolicy(Dictionary<Guid, MessagePreference> prefs)
{
    public const int QuietFrom = 22,
        QuietUntil = 8;

    public static async Task<DeliveryPolicy> LoadAsync(WuyeDb db, List<OutboxMessage> batch, CancellationToken ct)
    {
        var users = batch.Where(m => m.RecipientUserId != null).Select(m => m.RecipientUserId!.Value).Distinct().ToList();
        var prefs =
            users.Count == 0
                ? []
                : await db.Set<MessagePreference>()
                    .IgnoreQueryFilters()
                    .Where(p => users.Contains(p.UserId))
                    .ToDictionaryAsync(p => p.UserId, ct);
        return new DeliveryPolicy(prefs);
    }

    /// <summary>True when the message is not to be sent now (suppressed, or held until the end of quiet hours).</summary>
    public bool Holds(OutboxMessage m, DateTimeOffset now)
    {
        if (m.Channel == NotificationChannel.InApp || m.Urgency == MessageUrgency.Emergency)
            return false;
        if (m.RecipientUserId is { } user && prefs.TryGetValue(user, out var p) && Refusal(m, p) is { } reason)
        {
            m.Status = OutboxStatus.Suppressed;
            m.LastError = reason;
            m.HeldUntil = null;
            return true;
        }
        if (m.Kind is not null && QuietEnd(now) is { } end)
        {
            m.HeldUntil = end;
            m.NextAttemptAt = end;
            return true;
        }
        return false;
    }

    private static string? Refusal(OutboxMessage m, MessagePreference p) =>
        p.OptedOut ? "opted-out: 已撤回消息同意 / consent withdrawn"
        : m.Channel == NotificationChannel.Email && !p.Email ? "email-off: 本人关闭了邮件 / e-mail switched off"
        : m.Channel == NotificationChannel.Sms && p.Sms == SmsMode.Never ? "sms-off: 本人关闭了短信 / SMS switched off"
        : m.Channel == NotificationChannel.Sms && p.Sms == SmsMode.FallbackOnly && !m.Fallback
            ? $"{FallbackOnly}: 仅在未读时发短信 / SMS only when unread"
        : null;

    public const string FallbackOnly = "sms-fallback-only";

    /// <summary>The next 08:00 China time when <paramref name="now"/> is in quiet hours, else null.</summary>
    public static DateTimeOffset? QuietEnd(DateTimeOffset now)
    {
        var local = now.ToOffset(Web.ChinaTime.Offset);
        if (local.Hour is >= QuietUntil and < QuietFrom)
            return null;
        var day = DateOnly.FromDateTime(local.DateTime);
        if (local.Hour >= QuietFrom)
            day = day.AddDays(1);
        return Web.ChinaTime.StartOf(day).AddHours(QuietUntil).ToUniversalTime();
    }
}
