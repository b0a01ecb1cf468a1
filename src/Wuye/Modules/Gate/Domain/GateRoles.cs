using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Gate.Domain;

/// <summary>Who works at the gate and who follows it. Menus, pages, endpoints and home lists ask these same sets.</summary>
internal static class GateRoles
{
    /// <summary>Who stands at the gate: scans passes, registers walk-ins, checks people in and out.</summary>
    public static readonly string[] Console = [Roles.SecurityGuard, Roles.CustomerService];

    /// <summary>Who manages renovations at the service center (review, agreement, fees, permit, deductions, acceptance, refund).
    /// Not the steward: a steward inspects, registers workers and sees the open violations, but money and approvals stay here.</summary>
    public static readonly string[] Desk = [Roles.CustomerService, Roles.ProjectManager];

    /// <summary>Who registers outside workers and takes height-work pledges: the gate, the desk and the zone's steward.</summary>
    public static readonly string[] Registrars = [.. Console, .. Desk, Roles.Steward];

    /// <summary>Who inspects renovation sites.</summary>
    public static readonly string[] Inspectors =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
    ];

    /// <summary>Who may read the gate's records.</summary>
    public static readonly string[] Readers =
    [
        Roles.SecurityGuard,
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.Steward,
        Roles.CompanyManager,
        Roles.MonitoringCenter,
        Roles.Technician,
    ];

    public static readonly string[] Owners = [Roles.Owner];

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool MayWorkGate(DataScope s) => Console.Any(s.HasRole);

    public static bool MayManage(DataScope s) => Desk.Any(s.HasRole);

    public static bool MayInspect(DataScope s) => Inspectors.Any(s.HasRole);
}
