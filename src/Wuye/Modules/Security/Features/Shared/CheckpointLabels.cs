using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.Shared;

/// <summary>
/// The payload of a checkpoint's QR label: the project and checkpoint ids, signed (and sealed) with the app's data-protection keys,
/// so a made-up label is refused and a photocopied label of another project is recognised as that project's.
/// </summary>
internal sealed class CheckpointLabels(IDataProtectionProvider provider)
{
    private const string Prefix = "WYP1:";
    private readonly IDataProtector _protector = provider.CreateProtector("Wuye.Security.CheckpointLabel.v1");

    public string Payload(Guid projectId, Guid checkpointId) => Prefix + _protector.Protect($"{projectId:N}.{checkpointId:N}");

    /// <summary>The project and checkpoint a payload names; a field error when it was not made by this app.</summary>
    public (Guid ProjectId, Guid CheckpointId) Read(string payload)
    {
        var invalid = ValidationException.For(
            "payload",
            "二维码无效：不是本系统打印的巡更点标签，或已被篡改",
            "Invalid QR code: not a checkpoint label printed by this system, or altered"
        );
        if (!payload.StartsWith(Prefix, StringComparison.Ordinal))
            throw invalid;
        string text;
        try
        {
            text = _protector.Unprotect(payload[Prefix.Length..].Trim());
        }
        catch (CryptographicException)
        {
            throw invalid;
        }
        catch (FormatException)
        {
            throw invalid;
        }
        var parts = text.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var p) || !Guid.TryParseExact(parts[1], "N", out var c))
            throw invalid;
        return (p, c);
    }
}
