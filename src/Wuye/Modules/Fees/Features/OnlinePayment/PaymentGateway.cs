using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Wuye.Modules.Fees.Domain;

namespace Wuye.Modules.Fees.Features.OnlinePayment;

/// <summary>
/// The payment gateway's merchant side (Wuye:Fees:Gateway): places an order (统一下单, H5) and answers the cashier page's
/// address the owner is sent to. Not configured (no Endpoint) = online payment is off and the portal says so.
/// </summary>
internal sealed class PaymentGateway(HttpClient http, IOptions<FeesOptions> options, ILogger<PaymentGateway> log)
{
    public GatewayOptions Options => options.Value.Gateway;

    public bool Configured => !string.IsNullOrWhiteSpace(Options.Endpoint) && !string.IsNullOrWhiteSpace(Options.Key);

    /// <summary>Places the order; answers the cashier page's address (with the return address) or null when refused.</summary>
    public async Task<string?> PlaceAsync(PaymentOrder order, string description, string notifyUrl, string returnUrl, CancellationToken ct)
    {
        var o = Options;
        var fields = WeChatPayProtocol.Signed(
            o.Key!,
            new Dictionary<string, string>
            {
                ["appid"] = o.AppId,
                ["mch_id"] = o.MerchantId,
                ["nonce_str"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
                ["body"] = description.Length > 120 ? description[..120] : description,
                ["out_trade_no"] = order.OrderNumber,
                ["total_fee"] = order.Fen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["spbill_create_ip"] = "127.0.0.1",
                ["notify_url"] = notifyUrl,
                ["trade_type"] = "MWEB",
            }
        );
        try
        {
            using var res = await http.PostAsync(
                o.Endpoint!.TrimEnd('/') + "/pay/unifiedorder",
                new StringContent(WeChatPayProtocol.ToXml(fields), Encoding.UTF8, "application/xml"),
                ct
            );
            var answer = WeChatPayProtocol.FromXml(await res.Content.ReadAsStringAsync(ct));
            if (
                answer is null
                || answer.GetValueOrDefault("return_code") != "SUCCESS"
                || answer.GetValueOrDefault("result_code") != "SUCCESS"
                || !WeChatPayProtocol.Verify(o.Key!, answer)
                || answer.GetValueOrDefault("mweb_url") is not { Length: > 0 } url
            )
            {
                log.LogWarning("The gateway refused order {Order}: {Answer}", order.OrderNumber, answer?.GetValueOrDefault("return_msg"));
                return null;
            }
            return url + (url.Contains('?') ? "&" : "?") + "redirect_url=" + Uri.EscapeDataString(returnUrl);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogWarning(e, "The gateway did not answer for order {Order}", order.OrderNumber);
            return null;
        }
    }
}
