using System.Linq.Expressions;
using Wuye.Platform.Web;

namespace Wuye.Platform.Notifications;

/// <summary>Where a message is, as its sender sees it.</summary>
public enum DeliveryState
{
    /// <summary>Waiting for its first attempt.</summary>
    Queued,

    /// <summary>Waiting for the end of quiet hours (22:00–08:00).</summary>
    Held,

    /// <summary>Refused at least once, tried again after 1, 2, 4… minutes.</summary>
    Retrying,

    /// <summary>Taken by the channel; for an SMS, no delivery receipt yet.</summary>
    Sent,

    /// <summary>The gateway's receipt says the phone received it.</summary>
    Delivered,

    /// <summary>An SMS sent more than <see cref="SmsOptions.ReceiptHours"/> ago whose receipt never came (no longer asked for).</summary>
    NoReceipt,

    /// <summary>Given up after the last attempt, or the receipt says the operator could not deliver it.</summary>
    Failed,

    /// <summary>Not sent on purpose: opted out, channel switched off.</summary>
    Suppressed,
}

/// <summary>The sender's view of a message: its state, the reason in Chinese and English, whether it may be sent again.</summary>
public static class Deliveries
{
    /// <summary>An SMS sent before this moment and still without a receipt is <see cref="DeliveryState.NoReceipt"/>.</summary>
    public static DateTimeOffset ReceiptCutoff(DateTimeOffset now, ChannelOptions o) => now.AddHours(-o.Sms.ReceiptHours);

    /// <summary>The state at the moment whose <see cref="ReceiptCutoff"/> is <paramref name="cutoff"/>.</summary>
    public static DeliveryState State(OutboxMessage m, DateTimeOffset cutoff) =>
        m.Status switch
        {
            OutboxStatus.Suppressed => DeliveryState.Suppressed,
            OutboxStatus.Dead => DeliveryState.Failed,
            OutboxStatus.Pending when m.Attempts > 0 => DeliveryState.Retrying,
            OutboxStatus.Pending when m.HeldUntil != null => DeliveryState.Held,
            OutboxStatus.Pending => DeliveryState.Queued,
            _ when m.Receipt == DeliveryReceipt.Delivered => DeliveryState.Delivered,
            _ when m.Receipt == DeliveryReceipt.Failed => DeliveryState.Failed,
            _ when m.Channel == NotificationChannel.Sms && m.SentAt < cutoff => DeliveryState.NoReceipt,
            _ => DeliveryState.Sent,
        };

    /// <summary>The same rule as <see cref="State"/>, for the database.</summary>
    public static Expression<Func<OutboxMessage, bool>> In(DeliveryState s, DateTimeOffset cutoff) =>
        s switch
        {
            DeliveryState.Suppressed => m => m.Status == OutboxStatus.Suppressed,
            DeliveryState.Failed => m =>
                m.Status == OutboxStatus.Dead || (m.Status == OutboxStatus.Sent && m.Receipt == DeliveryReceipt.Failed),
            DeliveryState.Retrying => m => m.Status == OutboxStatus.Pending && m.Attempts > 0,
            DeliveryState.Held => m => m.Status == OutboxStatus.Pending && m.Attempts == 0 && m.HeldUntil != null,
            DeliveryState.Queued => m => m.Status == OutboxStatus.Pending && m.Attempts == 0 && m.HeldUntil == null,
            DeliveryState.Delivered => m => m.Status == OutboxStatus.Sent && m.Receipt == DeliveryReceipt.Delivered,
            DeliveryState.NoReceipt => m =>
                m.Status == OutboxStatus.Sent
                && m.Receipt == null
                && m.Channel == NotificationChannel.Sms
                && m.SentAt != null
                && m.SentAt < cutoff,
            _ => m =>
                m.Status == OutboxStatus.Sent
                && m.Receipt == null
                && (m.Channel != NotificationChannel.Sms || m.SentAt == null || m.SentAt >= cutoff),
        };

    public static Text Name(DeliveryState s) =>
        s switch
        {
            DeliveryState.Queued => new("排队中", "Queued"),
            DeliveryState.Held => new("免打扰暂缓", "Held for quiet hours"),
            DeliveryState.Retrying => new("重试中", "Retrying"),
            DeliveryState.Sent => new("已发出", "Sent"),
            DeliveryState.Delivered => new("已送达", "Delivered"),
            DeliveryState.NoReceipt => new("无回执", "No receipt"),
            DeliveryState.Failed => new("发送失败", "Failed"),
            _ => new("未发送", "Not sent"),
        };

    public static Text Channel(NotificationChannel c) =>
        c switch
        {
            NotificationChannel.Sms => new("短信", "SMS"),
            NotificationChannel.Email => new("邮件", "E-mail"),
            _ => new("站内", "In-app"),
        };

    /// <summary>A failed message of a real channel may be sent again (a new message; the failed one stays as it was).</summary>
    public static bool CanRetry(OutboxMessage m) =>
        m.Channel != NotificationChannel.InApp && State(m, DateTimeOffset.MinValue) == DeliveryState.Failed;

    /// <summary>Why it failed, is retried or was not sent, in words; null when nothing went wrong.</summary>
    public static Text? Reason(OutboxMessage m) =>
        State(m, DateTimeOffset.MinValue) switch
        {
            DeliveryState.Suppressed when m.LastError is { } e => Suppression(e),
            DeliveryState.Failed when m.Receipt == DeliveryReceipt.Failed => Operator(m.ReceiptError),
            DeliveryState.Failed or DeliveryState.Retrying when m.LastError is { } e => Attempt(e),
            _ => null,
        };

    /// <summary>"opted-out: 已撤回消息同意 / consent withdrawn" → its two halves.</summary>
    private static Text Suppression(string e)
    {
        var words = e.Contains(": ") ? e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..] : e;
        var parts = words.Split(" / ", 2);
        return parts.Length == 2 ? new(parts[0], parts[1]) : new(words, words);
    }

    /// <summary>The operator's receipt code (Aliyun 短信回执错误码), with the code kept for the provider's support.</summary>
    private static Text Operator(string? error)
    {
        var code = (error ?? "").Split(':', 2)[0].Trim();
        var (zh, en) = OperatorCodes.TryGetValue(code, out var t) ? t : ("运营商未能送达", "the operator could not deliver it");
        return new($"{zh}（{code}）", $"{en} ({code})");
    }

    private static readonly Dictionary<string, (string Zh, string En)> OperatorCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MOBILE_NOT_ON_SERVICE"] = ("停机、空号、关机或不在服务区", "number out of service, unassigned, off or out of range"),
        ["MOBILE_ACCOUNT_ABNORMAL"] = ("手机号码账户异常（欠费、携号转网等）", "the number's account is abnormal (arrears, ported…)"),
        ["MOBILE_IN_BLACK"] = ("手机号码在运营商黑名单中", "the number is on the operator's block list"),
        ["MOBILE_TERMINAL_ERROR"] = ("手机终端问题（存储已满、SIM 卡问题等）", "a problem of the phone (memory full, SIM…)"),
        ["USER_REJECT"] = ("接收人已退订或拒收", "the recipient unsubscribed or refused it"),
        ["IS_CLOSE"] = ("手机已关机", "the phone is switched off"),
        ["CONTENT_KEYWORD"] = ("短信内容被运营商关键字拦截", "the text was stopped by the operator's keyword filter"),
        ["INVALID_NUMBER"] = ("号码状态异常", "the number's state is invalid"),
        ["NO_ROUTE"] = ("当前短信内容无可用通道", "no channel could carry this text"),
        ["SP_UNKNOWN_ERROR"] = ("运营商未知错误", "unknown operator error"),
        ["PARAMS_ILLEGAL"] = ("参数格式错误", "malformed parameters"),
        ["TIME_OUT"] = ("运营商回执超时", "the operator's receipt timed out"),
    };

    /// <summary>A refusal by the channel when sending (the dispatcher's last error).</summary>
    private static Text Attempt(string e)
    {
        foreach (var (code, zh, en) in GatewayCodes)
            if (e.Contains(code, StringComparison.Ordinal))
                return new($"{zh}（{code}）", $"{en} ({code})");
        return e switch
        {
            _ when e.StartsWith("SMS gateway refused number", StringComparison.Ordinal) => new("手机号码无效", "not a valid mobile number"),
            _ when e.StartsWith("SMS without a number", StringComparison.Ordinal) => new("没有手机号码", "no mobile number"),
            _ when e.StartsWith("mail server refused address", StringComparison.Ordinal) => new(
                "邮箱地址无效",
                "not a valid e-mail address"
            ),
            _ when e.StartsWith("SMS gateway answered", StringComparison.Ordinal) => new(
                "短信网关出错：" + e[21..],
                "the SMS gateway failed: " + e[21..]
            ),
            _ when e.Contains("canceled", StringComparison.OrdinalIgnoreCase)
                    || e.Contains("timed out", StringComparison.OrdinalIgnoreCase) => new(
                "网关无应答（超时）",
                "the gateway did not answer (timeout)"
            ),
            _ => new("发送失败：" + e, "sending failed: " + e),
        };
    }

    private static readonly (string Code, string Zh, string En)[] GatewayCodes =
    [
        ("isv.MOBILE_NUMBER_ILLEGAL", "手机号码格式错误", "malformed mobile number"),
        ("isv.BUSINESS_LIMIT_CONTROL", "触发短信发送频率限制", "the gateway's sending limit was hit"),
        ("isv.AMOUNT_NOT_ENOUGH", "短信账户余额不足", "the SMS account's balance is too low"),
        ("isv.SMS_TEMPLATE_ILLEGAL", "短信模板不存在或未审核通过", "the SMS template is unknown or not approved"),
        ("isv.SMS_SIGNATURE_ILLEGAL", "短信签名不存在或未审核通过", "the SMS signature is unknown or not approved"),
        ("isv.TEMPLATE_MISSING_PARAMETERS", "短信模板缺少参数", "the SMS template lacks parameters"),
        ("isv.BLACK_KEY_CONTROL_LIMIT", "内容含有禁止的关键字", "the text holds a forbidden keyword"),
        ("InvalidAccessKeyId", "短信网关密钥无效", "the gateway's access key is invalid"),
        ("SignatureDoesNotMatch", "短信网关签名校验失败", "the gateway refused the request's signature"),
    ];
}
