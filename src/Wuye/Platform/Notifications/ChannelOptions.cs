using System.ComponentModel.DataAnnotations;

namespace Wuye.Platform.Notifications;

/// <summary>
/// The real channels under <c>Wuye:Notifications</c>. With no SMTP host or SMS endpoint set, e-mail and SMS go to the
/// simulated sinks (platform.delivered_message), so the app runs offline.
/// </summary>
public sealed class ChannelOptions
{
    public const string Section = "Wuye:Notifications";

    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    /// <summary>Hours an important in-app message may stay unread before it goes by SMS to those who chose that.</summary>
    [Range(1, 168)]
    public int UnreadFallbackHours { get; set; } = 4;
}

/// <summary>An SMTP server of your own (MailKit): host, port, STARTTLS or TLS, optional sign-in, the sender.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls (upgrade when offered) or Tls (implicit, port 465).</summary>
    public string Security { get; set; } = "StartTls";
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "noreply@wuye.local";
    public string FromName { get; set; } = "物业服务中心";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// An SMS gateway speaking the Aliyun SMS (dysmsapi SendSms) protocol: signed GET requests (HMAC-SHA1 over the sorted,
/// percent-encoded parameters), a registered signature name, a template code per message kind with its parameters.
/// </summary>
public sealed class SmsOptions
{
    /// <summary>e.g. https://dysmsapi.aliyuncs.com/; empty = the simulated gateway.</summary>
    public string? Endpoint { get; set; }
    public string? AccessKeyId { get; set; }
    public string? AccessKeySecret { get; set; }

    /// <summary>短信签名 (the 【…】 name registered with the provider).</summary>
    public string SignName { get; set; } = "物业服务";

    /// <summary>The template used when a message kind has none of its own; its parameters are ${title} and ${link}.</summary>
    public string TemplateCode { get; set; } = "SMS_0000000";

    /// <summary>Template code per message kind (notice, bill, greeting…).</summary>
    public Dictionary<string, string> Templates { get; set; } = [];
    public string RegionId { get; set; } = "cn-hangzhou";

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The shared secret of the receipt push URL (POST /api/v1/sms-receipts?token=…, set as the gateway's 回执消息 URL);
    /// empty = no push accepted (the receipts are pulled by <see cref="SmsReceiptJob"/>).
    /// </summary>
    [MinLength(16)]
    public string? ReceiptToken { get; set; }

    /// <summary>How long after sending an SMS its receipt is still asked for (QuerySendDetails).</summary>
    [Range(1, 720)]
    public int ReceiptHours { get; set; } = 72;
}
