using System.Security.Cryptography;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Wuye.Modules.Fees.Features.OnlinePayment;

/// <summary>
/// The WeChat Pay merchant protocol (API v2: 统一下单 /pay/unifiedorder and the payment result notification): XML bodies
/// of flat fields; the signature is HMAC-SHA256 under the merchant key over the non-empty fields but <c>sign</c>, sorted by
/// name, joined as <c>k=v&amp;…</c> with <c>&amp;key=KEY</c> appended, in upper-case hex (sign_type HMAC-SHA256). Amounts are
/// integers in fen (total_fee).
/// </summary>
internal static class WeChatPayProtocol
{
    public const string Name = "wechat";

    public static string Sign(string key, IReadOnlyDictionary<string, string> fields)
    {
        var text =
            string.Join(
                '&',
                fields
                    .Where(f => f.Key != "sign" && !string.IsNullOrEmpty(f.Value))
                    .OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => $"{f.Key}={f.Value}")
            )
            + "&key="
            + key;
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>True when the fields carry a signature made with the key (compared in constant time).</summary>
    public static bool Verify(string key, IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue("sign", out var sign)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(sign.ToUpperInvariant()),
            Encoding.ASCII.GetBytes(Sign(key, fields))
        );

    /// <summary>The fields with their signature added.</summary>
    public static Dictionary<string, string> Signed(string key, Dictionary<string, string> fields)
    {
        fields["sign_type"] = "HMAC-SHA256";
        fields["sign"] = Sign(key, fields);
        return fields;
    }

    public static string ToXml(IReadOnlyDictionary<string, string> fields) =>
        new XElement("xml", fields.Select(f => new XElement(f.Key, new XCData(f.Value)))).ToString(SaveOptions.DisableFormatting);

    /// <summary>The flat fields of an XML body, or null when it is not one (no DTDs, no entities, at most 64 KB).</summary>
    public static Dictionary<string, string>? FromXml(string xml)
    {
        if (xml.Length > 65_536)
            return null;
        try
        {
            using var reader = XmlReader.Create(
                new StringReader(xml),
                new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Prohibit,
                    XmlResolver = null,
                    MaxCharactersInDocument = 65_536,
                }
            );
            var root = XElement.Load(reader);
            if (root.Name != "xml")
                return null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var e in root.Elements())
                fields[e.Name.LocalName] = e.Value;
            return fields;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static string Answer(bool ok, string message) =>
        ToXml(new Dictionary<string, string> { ["return_code"] = ok ? "SUCCESS" : "FAIL", ["return_msg"] = message });
}
