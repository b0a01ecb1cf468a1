using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wuye.Modules.Gate.Domain;

/// <summary>What a signed pass says: whose it is, its window and how many entries it allows.</summary>
internal sealed record PassClaims(Guid PassId, Guid ProjectId, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, int MaxEntries, int People)
{
    public bool IsValidAt(DateTimeOffset now) => now >= ValidFrom && now < ValidTo;
}

/// <summary>
/// The QR payload of a visitor pass: <c>WYV1.&lt;body&gt;.&lt;signature&gt;</c>, both base64url; the body is
/// <c>passId|projectId|from|to|entries|people</c> (unix seconds), the signature ECDSA P-256 with SHA-256 (IEEE P1363, as WebCrypto
/// verifies it). Anyone holding the project's public key verifies a pass without the server: the gate console does so offline.
/// </summary>
internal static class PassToken
{
    public const string Prefix = "WYV1.";

    public static string Body(PassClaims c) =>
        string.Join(
            '|',
            c.PassId.ToString("N"),
            c.ProjectId.ToString("N"),
            c.ValidFrom.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            c.ValidTo.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            c.MaxEntries.ToString(CultureInfo.InvariantCulture),
            c.People.ToString(CultureInfo.InvariantCulture)
        );

    public static string Sign(PassClaims claims, ECDsa key) => SignBody(Prefix, Body(claims), key);

    /// <summary><c>prefix + base64url(body) + "." + base64url(ECDSA P-256 SHA-256 signature)</c>: a pass's or a permit's payload.</summary>
    public static string SignBody(string prefix, string text, ECDsa key)
    {
        var body = Encoding.ASCII.GetBytes(text);
        var sig = key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return prefix + B64(body) + "." + B64(sig);
    }

    /// <summary>The body of a payload as written, before any signature check; null when it has not the payload's shape.</summary>
    public static string? PeekBody(string payload, string prefix) =>
        Split(payload, prefix) is { } p ? Encoding.ASCII.GetString(p.Body) : null;

    /// <summary>The body when <paramref name="publicKey"/> signed the payload; null when forged, altered or signed by another
    /// key.</summary>
    public static string? VerifyBody(string payload, string prefix, byte[] publicKey)
    {
        if (Split(payload, prefix) is not { } p)
            return null;
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKey, out _);
        }
        catch (CryptographicException)
        {
            return null;
        }
        return key.VerifyData(p.Body, p.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? Encoding.ASCII.GetString(p.Body)
            : null;
    }

    /// <summary>The claims of a payload as written, before any signature check; null when it is not a pass at all.</summary>
    public static PassClaims? Peek(string payload) => Split(payload, Prefix) is { } p ? Parse(p.Body) : null;

    /// <summary>The claims when <paramref name="publicKey"/> (SubjectPublicKeyInfo) signed the payload; null when forged, altered or
    /// signed by another key.</summary>
    public static PassClaims? Verify(string payload, byte[] publicKey) =>
        VerifyBody(payload, Prefix, publicKey) is { } body ? Parse(Encoding.ASCII.GetBytes(body)) : null;

    private static (byte[] Body, byte[] Signature)? Split(string payload, string prefix)
    {
        payload = payload.Trim();
        if (!payload.StartsWith(prefix, StringComparison.Ordinal) || payload.Length > 600)
            return null;
        var parts = payload[prefix.Length..].Split('.');
        if (parts.Length != 2)
            return null;
        try
        {
            return (FromB64(parts[0]), FromB64(parts[1]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static PassClaims? Parse(byte[] body)
    {
        var f = Encoding.ASCII.GetString(body).Split('|');
        if (
            f.Length != 6
            || !Guid.TryParseExact(f[0], "N", out var pass)
            || !Guid.TryParseExact(f[1], "N", out var project)
            || !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var entries)
            || !int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var people)
            || from > 253402300799
            || to > 253402300799
        )
            return null;
        return new(pass, project, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to), entries, people);
    }

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string s)
    {
        s = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
