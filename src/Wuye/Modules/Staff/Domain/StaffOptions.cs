using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Staff.Domain;

/// <summary>The staff module's settings under <c>Wuye:Staff</c>, with their defaults (checked at start).</summary>
internal sealed class StaffOptions
{
    public const string Section = "Wuye:Staff";

    /// <summary>Days before a certificate's last valid day when its holder and their managers are reminded to renew it.</summary>
    [Range(1, 365)]
    public int CertificateRemindDays { get; set; } = 30;
}
