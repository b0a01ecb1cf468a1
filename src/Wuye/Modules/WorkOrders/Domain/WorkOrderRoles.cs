using Wuye.Platform.Identity;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>Who takes part in the request loop: the menu entry, the pages and the endpoints use the same sets.</summary>
internal static class WorkOrderRoles
{
    /// <summary>Who may register a request.</summary>
    public static readonly string[] Reporters =
    [
        Roles.Owner,
        Roles.CustomerService,
        Roles.Steward,
        Roles.MonitoringCenter,
        Roles.SecurityGuard,
        Roles.Technician,
        Roles.ProjectManager,
        Roles.CompanyManager,
    ];

    /// <summary>Who dispatches jobs, records return visits and merges duplicates.</summary>
    public static readonly string[] Dispatchers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward];
}
