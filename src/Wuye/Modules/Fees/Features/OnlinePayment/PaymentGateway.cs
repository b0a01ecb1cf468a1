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

    /// <summary>How long a placed order can still be paid at the gateway (H5 orders live about 2 h; kept a little shorter).</summary>
    public static readonly TimeSpan OrderLifetime = TimeSpan.FromMinutes(110);

    /// <summary>
    /// 查询订单 (/pay/orderquery): the gateway's signed answer about an order (trade_state SUCCESS / NOTPAY / CLOSED / …), or
    /// null when the gateway does not answer, refuses (<paramref name="refusal"/>: its signed err_code, e.g. ORDERNOTEXIST), or
    /// the answer is not signed with our key.
    /// </summary>
    public async Task<(Dictionary<string, string>? Answer, string? Refusal)> QueryAsync(string orderNumber, CancellationToken ct) =>
        await CallAsync("/pay/orderquery", orderNumber, ct);

    /// <summary>关闭订单 (/pay/closeorder): closes an unpaid order so it can no longer be paid; answers whether the gateway agreed.</summary>
    public async Task<bool> CloseAsync(string orderNumber, CancellationToken ct) =>
        (await CallAsync("/pay/closeorder", orderNumber, ct)).Answer is not null;

    /// <summary>
    /// 申请退款 (/secapi/pay/refund): pays <paramref name="refundFen"/> of the paid order back to the owner's account, under our
    /// refund number (商户退款单号, the negative receipt's number: the gateway refunds once per number, so a retry cannot pay twice).
    /// Answers the gateway's refund id, or null with its signed refusal (err_code: NOTENOUGH, …) or none when it did not answer.
    /// </summary>
    public async Task<(string? RefundId, string? Refusal)> RefundAsync(
        PaymentOrder order,
        string refundNumber,
        long refundFen,
        string reason,
        CancellationToken ct
    )
    {
        var (answer, refusal) = await CallAsync(
            "/secapi/pay/refund",
            order.OrderNumber,
            ct,
            new Dictionary<string, string>
            {
                ["out_refund_no"] = refundNumber,
                ["total_fee"] = order.Fen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["refund_fee"] = refundFen.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["refund_desc"] = reason.Length > 80 ? reason[..80] : reason,
            }
        );
        if (answer is null)
            return (null, refusal);
        // The answer must be about this refund, for this amount.
        if (answer.GetValueOrDefault("out_refund_no") != refundNumber || answer.GetValueOrDefault("refund_fee") != refundFen.ToString())
            return (null, "MISMATCH");
        return (answer.GetValueOrDefault("refund_id") ?? "", null);
    }

    private async Task<(Dictionary<string, string>? Answer, string? Refusal)> CallAsync(
        string path,
        string orderNumber,
        CancellationToken ct,
        Dictionary<string, string>? more = null
    )
    {
        var o = Options;
        var request = new Dictionary<string, string>
        {
            ["appid"] = o.AppId,
            ["mch_id"] = o.MerchantId,
            ["nonce_str"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["out_trade_no"] = orderNumber,
        };
        foreach (var (k, v) in more ?? [])
            request[k] = v;
        var fields = WeChatPayProtocol.Signed(o.Key!, request);
        try
        {
            using var res = await http.PostAsync(
                o.Endpoint!.TrimEnd('/') + path,
                new StringContent(WeChatPayProtocol.ToXml(fields), Encoding.UTF8, "application/xml"),
                ct
            );
            var answer = WeChatPayProtocol.FromXml(await res.Content.ReadAsStringAsync(ct));
            if (
                answer is null
                || answer.GetValueOrDefault("return_code") != "SUCCESS"
                || answer.GetValueOrDefault("result_code") != "SUCCESS"
                || !WeChatPayProtocol.Verify(o.Key!, answer)
            )
            {
                log.LogWarning(
                    "The gateway refused {Path} for order {Order}: {Answer}",
                    path,
                    orderNumber,
                    answer?.GetValueOrDefault("err_code")
                );
                // A refusal counts only when the gateway signed it: an unsigned "no such order" proves nothing.
                var signedRefusal =
                    answer is not null && answer.GetValueOrDefault("return_code") == "SUCCESS" && WeChatPayProtocol.Verify(o.Key!, answer)
                        ? answer.GetValueOrDefault("err_code") ?? "FAIL"
                        : null;
                return (null, signedRefusal);
            }
            return (answer, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogWarning(e, "The gateway did not answer {Path} for order {Order}", path, orderNumber);
            return (null, null);
        }
    }

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
