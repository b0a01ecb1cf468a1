using System.Globalization;
using System.Security.Cryptography;

namespace Wuye.Modules.Gate.Domain;

/// <summary>What a permit's QR code says: the renovation, its project, the permit code and the permit's dates.</summary>
internal sealed record PermitClaims(Guid RenovationId, Guid ProjectId, string PermitCode, DateOnly StartDate, DateOnly EndDate);

/// <summary>
/// The QR payload of a renovation permit: <c>WYR2.&lt;body&gt;.&lt;signature&gt;</c>, signed with the project's pass key exactly as a
/// visitor pass (<see cref="PassToken"/>); the body is <c>renovationId|projectId|permitCode|yyyyMMdd|yyyyMMdd</c>. The gate verifies
/// it with the project's public key — on the server, or on the phone with the network down.
/// </summary>
internal static class PermitToken
{
    public const string Prefix = "WYR2.";

    public static string Body(PermitClaims c) =>
        string.Join(
            '|',
            c.RenovationId.ToString("N"),
            c.ProjectId.ToString("N"),
            c.PermitCode,
            c.StartDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            c.EndDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)
        );

    public static string Sign(PermitClaims claims, ECDsa key) => PassToken.SignBody(Prefix, Body(claims), key);

    /// <summary>The claims as written, before any signature check; null when it is not a permit's payload.</summary>
    public static PermitClaims? Peek(string payload) => PassToken.PeekBody(payload, Prefix) is { } b ? Parse(b) : null;

    /// <summary>The claims when the project's key signed it; null when forged, altered or signed by another project.</summary>
    public static PermitClaims? Verify(string payload, byte[] publicKey) =>
        PassToken.VerifyBody(payload, Prefix, publicKey) is { } b ? Parse(b) : null;

    private static PermitClaims? Parse(string body)
    {
        var f = body.Split('|');
        if (
            f.Length != 5
            || !Guid.TryParseExact(f[0], "N", out var renovation)
            || !Guid.TryParseExact(f[1], "N", out var project)
            || f[2].Length is 0 or > 8
            || !DateOnly.TryParseExact(f[3], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !DateOnly.TryParseExact(f[4], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
        )
            return null;
        return new(renovation, project, f[2], start, end);
    }
}
