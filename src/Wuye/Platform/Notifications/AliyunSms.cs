using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wuye.Platform.Notifications;

/// <summary>
/// The Aliyun SMS protocol (dysmsapi 2017-05-25, SendSms): the request's parameters sorted by name, each percent-encoded
/// (RFC 3986: space %20, * %2A, ~ kept), the string "GET&amp;%2F&amp;" + encode(query) signed with HMAC-SHA1 under
/// "secret&amp;", Base64, sent as the Signature parameter. The answer's Code is "OK" when the gateway took the message;
/// its BizId identifies the delivery receipt that follows.
/// </summary>
public static class AliyunSms
{
    // The gateway fills the template with the parameters as written: Chinese stays Chinese, not \uXXXX.
    private static readonly JsonSerializerOptions PlainJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
                sb.Append(c);
            else
                sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>The sorted, encoded query string (without the signature).</summary>
    public static string CanonicalQuery(IReadOnlyDictionary<string, string> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));

    public static string Sign(string secret, IReadOnlyDictionary<string, string> parameters, string method = "GET")
    {
        var toSign = $"{method}&{Encode("/")}&{Encode(CanonicalQuery(parameters))}";
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(secret + "&"));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(toSign)));
    }

    /// <summary>The full signed URL: endpoint + "?Signature=…&amp;" + the sorted query.</summary>
    public static string SignedUrl(string endpoint, string secret, IReadOnlyDictionary<string, string> parameters) =>
        $"{endpoint.TrimEnd('/')}/?Signature={Encode(Sign(secret, parameters))}&{CanonicalQuery(parameters)}";

    /// <summary>The SendSms parameters for one message (nonce and time given, so a test can fix them).</summary>
    public static Dictionary<string, string> SendSmsParameters(
        SmsOptions o,
        string phone,
        string templateCode,
        IReadOnlyDictionary<string, string> templateParams,
        string outId,
        DateTimeOffset now,
        string nonce
    ) =>
        new()
        {
            ["AccessKeyId"] = o.AccessKeyId ?? "",
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["OutId"] = outId,
            ["PhoneNumbers"] = phone,
            ["RegionId"] = o.RegionId,
            ["SignName"] = o.SignName,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = nonce,
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = templateCode,
            ["TemplateParam"] = JsonSerializer.Serialize(templateParams, PlainJson),
            ["Timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };

    /// <summary>The QuerySendDetails parameters (the delivery status of one sent message, a page at a time).</summary>
    public static Dictionary<string, string> QueryParameters(
        SmsOptions o,
        string phone,
        string bizId,
        DateOnly sentOn,
        int page,
        int pageSize,
        DateTimeOffset now,
        string nonce
    ) =>
        new()
        {
            ["AccessKeyId"] = o.AccessKeyId ?? "",
            ["Action"] = "QuerySendDetails",
            ["BizId"] = bizId,
            ["CurrentPage"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Format"] = "JSON",
            ["PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PhoneNumber"] = phone,
            ["RegionId"] = o.RegionId,
            ["SendDate"] = sentOn.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = nonce,
            ["SignatureVersion"] = "1.0",
            ["Timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
}

/// <summary>Sends one SMS through the gateway in the settings; throws with the gateway's code when it refuses.</summary>
public sealed class SmsGateway(HttpClient http, Microsoft.Extensions.Options.IOptions<ChannelOptions> options, TimeProvider clock)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Sms.Endpoint);

    /// <summary>Returns the gateway's BizId for the delivery receipt.</summary>
    public async Task<string?> SendAsync(string phone, string? kind, string title, string? link, Guid messageId, CancellationToken ct)
    {
        var o = options.Value.Sms;
        var template = kind is not null && o.Templates.TryGetValue(kind, out var t) ? t : o.TemplateCode;
        var args = new Dictionary<string, string> { ["title"] = title.Length > 35 ? title[..35] : title };
        if (!string.IsNullOrEmpty(link))
            args["link"] = link;
        var p = AliyunSms.SendSmsParameters(
            o,
            phone,
            template,
            args,
            messageId.ToString("N"),
            clock.GetUtcNow(),
            Guid.NewGuid().ToString()
        );
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        using var res = await http.GetAsync(AliyunSms.SignedUrl(o.Endpoint!, o.AccessKeySecret ?? "", p), cts.Token);
        var body = await res.Content.ReadAsStringAsync(cts.Token);
        if (!res.IsSuccessStatusCode)
            throw new InvalidOperationException($"SMS gateway answered {(int)res.StatusCode}: {Cut(body)}");
        using var doc = JsonDocument.Parse(body);
        var code = doc.RootElement.TryGetProperty("Code", out var c) ? c.GetString() : null;
        if (code != "OK")
            throw new InvalidOperationException($"SMS gateway refused: {code} {Cut(body)}");
        return doc.RootElement.TryGetProperty("BizId", out var biz) ? biz.GetString() : null;
    }

    /// <summary>
    /// One page of QuerySendDetails for a message: by phone number, BizId and the China date it was sent. Answers the
    /// total count and the page's records (SendStatus 1 waiting, 2 failed, 3 delivered); throws when the gateway refuses.
    /// </summary>
    public async Task<(int Total, List<SmsSendDetail> Records)> QueryAsync(
        string phone,
        string bizId,
        DateOnly sentOn,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        var o = options.Value.Sms;
        var p = AliyunSms.QueryParameters(o, phone, bizId, sentOn, page, pageSize, clock.GetUtcNow(), Guid.NewGuid().ToString());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        using var res = await http.GetAsync(AliyunSms.SignedUrl(o.Endpoint!, o.AccessKeySecret ?? "", p), cts.Token);
        var body = await res.Content.ReadAsStringAsync(cts.Token);
        if (!res.IsSuccessStatusCode)
            throw new InvalidOperationException($"SMS gateway answered {(int)res.StatusCode}: {Cut(body)}");
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var code = root.TryGetProperty("Code", out var c) ? c.GetString() : null;
        if (code != "OK")
            throw new InvalidOperationException($"SMS gateway refused: {code} {Cut(body)}");
        var total = root.TryGetProperty("TotalCount", out var t) && t.TryGetInt32(out var n) ? n : 0;
        var records = new List<SmsSendDetail>();
        if (
            root.TryGetProperty("SmsSendDetailDTOs", out var dtos)
            && dtos.TryGetProperty("SmsSendDetailDTO", out var list)
            && list.ValueKind == JsonValueKind.Array
        )
            foreach (var r in list.EnumerateArray())
                records.Add(
                    new SmsSendDetail(
                        r.TryGetProperty("SendStatus", out var st) && st.TryGetInt32(out var sv) ? sv : 0,
                        Text(r, "ErrCode"),
                        Text(r, "ReceiveDate"),
                        Text(r, "OutId"),
                        Text(r, "PhoneNum")
                    )
                );
        return (total, records);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Cut(string s) => s.Length > 300 ? s[..300] : s;
}

/// <summary>One SmsSendDetailDTO of QuerySendDetails: SendStatus 1 waiting for the receipt, 2 failed, 3 delivered.</summary>
public sealed record SmsSendDetail(int SendStatus, string? ErrCode, string? ReceiveDate, string? OutId, string? PhoneNum);
