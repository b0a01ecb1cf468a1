using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>Who does what in customer care (the endpoints' RequireRoles, the menu entries and the pages).</summary>
internal static class CareRoles
{
    /// <summary>Write, publish, pin and withdraw notices; see their read receipts.</summary>
    public static readonly string[] Publishers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Staff who read the board (and may be its audience).</summary>
    public static readonly string[] StaffReaders =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.QualityInspector,
        Roles.OwnersCommittee,
    ];

    /// <summary>Keep customer profiles and the care calendar: zone stewards (their zones) and the desk and managers above them.</summary>
    public static readonly string[] Stewards = [Roles.Steward, Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager];

    public static bool MayPublish(DataScope s) => s.IsGlobal || Publishers.Any(s.Roles.Contains);

    public static bool IsOwner(DataScope s) => !s.IsGlobal && s.Roles.Contains(Roles.Owner);
}
