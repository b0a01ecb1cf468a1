using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>Who takes part in emergency work; the menu, pages, endpoints and home lists ask these same sets.</summary>
internal static class EmergencyRoles
{
    /// <summary>Who writes and revises plans, schedules drills and plans outages.</summary>
    public static readonly string[] Managers = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who is on duty and may start an incident and tick its steps.</summary>
    public static readonly string[] OnDuty =
    [
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.Technician,
        Roles.CustomerService,
    ];

    /// <summary>Who plans outages, tells their residents and confirms the supply restored: the engineering side and the managers.</summary>
    public static readonly string[] OutagePlanners = [Roles.Technician, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who records security incidents, criminal cases, fire alarms and fires in the safety log.</summary>
    public static readonly string[] SafetyRecorders =
    [
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.ProjectManager,
        Roles.CompanyManager,
    ];

    /// <summary>Who reads plans, incidents, drills and outages.</summary>
    public static readonly string[] Readers = [.. OnDuty, Roles.QualityInspector];

    /// <summary>The roles a plan step may be given to: security, engineering, customer service, the manager on duty.</summary>
    public static readonly string[] StepRoles = [Roles.SecurityGuard, Roles.Technician, Roles.CustomerService, Roles.ProjectManager];

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool MayManage(DataScope s) => s.IsGlobal || Managers.Any(s.HasRole);

    public static bool MayPlanOutages(DataScope s) => s.IsGlobal || OutagePlanners.Any(s.HasRole);

    public static bool OnDutyHere(DataScope s) => OnDuty.Any(s.HasRole);
}
