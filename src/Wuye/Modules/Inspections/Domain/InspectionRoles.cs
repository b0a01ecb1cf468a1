using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// Who takes part in the inspections: the menu entries, the pages, the endpoints and the home to-do lists
/// use these same sets, so a menu item never leads to a page its role may not open.
/// </summary>
internal static class InspectionRoles
{
    /// <summary>Who plans and records inspections and opens the inspection area (今日核查, plans, standards, metrics).</summary>
    public static readonly string[] Inspectors = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager];

    /// <summary>Who may verify a reported fix (二次验证).</summary>
    public static readonly string[] Verifiers = Inspectors;

    /// <summary>Who can be named responsible for an improvement notice and answer it: the project's staff.</summary>
    public static readonly string[] Responsible =
    [
        Roles.ProjectManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.CustomerService,
        Roles.MonitoringCenter,
        Roles.QualityInspector,
        Roles.CompanyManager,
    ];

    public static bool MayInspect(DataScope s) => s.IsGlobal || Inspectors.Any(s.HasRole);

    /// <summary>Who may open 驻点督察: the inspectors, and customer service, who report what a site supervisor found.</summary>
    public static bool MayOpenSupervision(DataScope s) => MayInspect(s) || s.HasRole(Roles.CustomerService);

    /// <summary>Who may open the improvement notices page: whoever may be responsible for one, or verify one.</summary>
    public static bool MayOpenNotices(DataScope s) => s.IsGlobal || Responsible.Any(s.HasRole);
}
