using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>Who does what with complaints (the endpoints' RequireRoles, the menu entry and the pages).</summary>
internal static class ComplaintRoles
{
    /// <summary>Roles that receive complaints (the receiver becomes the owner of record).</summary>
    public static readonly string[] Receivers =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.Owner,
    ];

    /// <summary>Staff who may work on complaints (besides the owner of record, whatever their role).</summary>
    public static readonly string[] Handlers =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.QualityInspector,
    ];

    /// <summary>Managers change the owner of record and the project's complaint rules.</summary>
    public static readonly string[] Managers = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Staff of a project who may become a complaint's owner of record.</summary>
    public static readonly string[] Staff =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.Steward,
        Roles.Technician,
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.QualityInspector,
    ];

    /// <summary>Who reads the daily reviews and the weekly list.</summary>
    public static readonly string[] ReviewReaders =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.QualityInspector,
        Roles.Steward,
    ];

    /// <summary>Who takes a daily review by hand.</summary>
    public static readonly string[] ReviewTakers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who reads the figures and the early warnings.</summary>
    public static readonly string[] MetricsReaders =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.QualityInspector,
        Roles.Regulator,
    ];

    /// <summary>Whose home page lists the complaint tasks (owned, past promise, missing root cause).</summary>
    public static readonly string[] HomeTaskHolders = [Roles.CustomerService, Roles.Steward, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who edits the reply scripts.</summary>
    public static readonly string[] ScriptEditors =
    [
        Roles.CustomerService,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.QualityInspector,
    ];
}
