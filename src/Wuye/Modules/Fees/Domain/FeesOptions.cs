using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Fees.Domain;

/// <summary>The fee settings under <c>Wuye:Fees</c>, with their defaults (checked at start).</summary>
internal sealed class FeesOptions : IValidatableObject
{
    public const string Section = "Wuye:Fees";

    /// <summary>Day of the month (China time) from which the monthly job issues that month's bills.</summary>
    [Range(1, 28)]
    public int BillingDay { get; set; } = 1;

    /// <summary>When overdue bills are chased (Wuye:Fees:Reminders).</summary>
    public ReminderOptions Reminders { get; set; } = new();

    /// <summary>The online payment gateway (Wuye:Fees:Gateway); without an Endpoint, online payment is off.</summary>
    public GatewayOptions Gateway { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var r = Reminders;
        if (r.NoticeDays < 1 || r.SmsDays <= r.NoticeDays || r.VisitDays <= r.SmsDays || r.VisitDays > 730)
            yield return new ValidationResult(
                "Reminders: NoticeDays ≥ 1 < SmsDays < VisitDays ≤ 730 (days past the due date)",
                [nameof(Reminders)]
            );
        var g = Gateway;
        if (!string.IsNullOrWhiteSpace(g.Endpoint))
        {
            // With a gateway, every field it needs: a missing PublicBaseUrl would leave the notification address to the request's
            // Host header, and the owner's payment unbooked.
            if (!Uri.TryCreate(g.Endpoint, UriKind.Absolute, out _))
                yield return new ValidationResult("Gateway:Endpoint must be an absolute URL", [nameof(Gateway)]);
            if (!Uri.TryCreate(g.PublicBaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
                yield return new ValidationResult(
                    "Gateway:PublicBaseUrl (the app's public address, e.g. https://wuye.example.com) is required with an Endpoint",
                    [nameof(Gateway)]
                );
            if (string.IsNullOrWhiteSpace(g.AppId) || string.IsNullOrWhiteSpace(g.MerchantId) || string.IsNullOrWhiteSpace(g.Key))
                yield return new ValidationResult("Gateway: AppId, MerchantId and Key are required with an Endpoint", [nameof(Gateway)]);
        }
    }
}

/// <summary>Days past a bill's due date for each reminder step: notice (app and e-mail), SMS, the steward's visit.</summary>
internal sealed class ReminderOptions
{
    public int NoticeDays { get; set; } = 15;
    public int SmsDays { get; set; } = 30;
    public int VisitDays { get; set; } = 60;
}

/// <summary>
/// A merchant account at a gateway speaking the WeChat Pay v2 protocol (统一下单, signed notifications, HMAC-SHA256).
/// </summary>
internal sealed class GatewayOptions
{
    /// <summary>e.g. https://api.mch.weixin.qq.com; empty = online payment off.</summary>
    public string? Endpoint { get; set; }
    public string AppId { get; set; } = "";
    public string MerchantId { get; set; } = "";

    /// <summary>The merchant's API key (商户平台 API 密钥): signs orders and verifies notifications.</summary>
    public string? Key { get; set; }

    /// <summary>The app's public address the gateway notifies and sends the owner back to (https://wuye.example.com); required
    /// with an Endpoint.</summary>
    public string? PublicBaseUrl { get; set; }
}
