using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>The names of plan kinds and roles, zh and en.</summary>
internal static class EmergencyText
{
    public static string Kind(PlanKind k) =>
        k switch
        {
            PlanKind.Fire => Loc.T("火灾", "Fire"),
            PlanKind.WaterOutage => Loc.T("停水", "Water outage"),
            PlanKind.PowerOutage => Loc.T("停电", "Power outage"),
            PlanKind.ElevatorEntrapment => Loc.T("电梯困人", "Elevator entrapment"),
            PlanKind.Flood => Loc.T("防汛", "Flood"),
            PlanKind.GasLeak => Loc.T("燃气泄漏", "Gas leak"),
            PlanKind.MassComplaint => Loc.T("群诉", "Mass complaint"),
            _ => Loc.T("其他", "Other"),
        };

    public static string Outage(OutageKind k) => k == OutageKind.Water ? Loc.T("停水", "Water outage") : Loc.T("停电", "Power outage");

    /// <summary>The step's role as the card prints it ("the manager on duty" for the project manager).</summary>
    public static string Role(string role) =>
        role switch
        {
            Roles.ProjectManager => Loc.T("值班经理", "Manager on duty"),
            Roles.SecurityGuard => Loc.T("秩序/安全", "Security"),
            Roles.Technician => Loc.T("工程维修", "Engineering"),
            Roles.CustomerService => Loc.T("客服", "Customer service"),
            _ => Roles.Name(role),
        };
}
