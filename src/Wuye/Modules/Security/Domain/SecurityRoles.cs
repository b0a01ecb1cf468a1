using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Security.Domain;

/// <summary>
/// Who takes part in security work. The menu, the pages, the endpoints and the home to-do lists ask these same sets, so a menu
/// item never leads to a page the role may not open. There is no "security supervisor" role yet: the project manager supervises.
/// </summary>
internal static class SecurityRoles
{
    /// <summary>Who walks the rounds and scans the checkpoints.</summary>
    public static readonly string[] Guards = [Roles.SecurityGuard];

    /// <summary>Who sets up routes and excuses a missed point with a reason (the supervisor).</summary>
    public static readonly string[] Supervisors = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who is told of a missed round as it happens.</summary>
    public static readonly string[] Alerted = [Roles.ProjectManager, Roles.MonitoringCenter];

    /// <summary>Who records a post's verbal answer to a roll-call (the monitoring center's operator).</summary>
    public static readonly string[] Operators = [Roles.MonitoringCenter];

    /// <summary>Who is told of a roll-call left unanswered after the re-calls: the security supervisor.</summary>
    public static readonly string[] Escalated = [Roles.ProjectManager];

    /// <summary>Who keeps the library of safety tips and schedules them to posts (the monitoring center and the supervisor).</summary>
    public static readonly string[] TipEditors = [Roles.MonitoringCenter, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who records cars in and out of spaces and parking violations, and closes a violation: guards and the supervisor.</summary>
    public static readonly string[] ParkingRecorders = [Roles.SecurityGuard, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who takes parking fees at a booth and issues the receipts (万科#6), and voids one the driver did not take.</summary>
    public static readonly string[] Cashiers = [Roles.SecurityGuard];

    /// <summary>Who voids a receipt at any time, records paper receipts and reads the weekly reconciliation (finance's reader too:
    /// the company manager).</summary>
    public static readonly string[] Reconcilers = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who records a duty's check (the CCTV retention check, the fire-equipment check): guards, the monitoring center and
    /// the supervisor.</summary>
    public static readonly string[] DutyRecorders =
    [
        Roles.SecurityGuard,
        Roles.MonitoringCenter,
        Roles.ProjectManager,
        Roles.CompanyManager,
    ];

    /// <summary>Who reads the security metrics by project and month: the monitoring center and the supervisors.</summary>
    public static readonly string[] MetricsReaders = [Roles.MonitoringCenter, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who opens the patrol pages.</summary>
    public static readonly string[] Readers = [Roles.SecurityGuard, Roles.MonitoringCenter, Roles.ProjectManager, Roles.CompanyManager];

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool MayScan(DataScope s) => Guards.Any(s.HasRole);

    public static bool MayOperate(DataScope s) => Operators.Any(s.HasRole);

    public static bool MayEditTips(DataScope s) => s.IsGlobal || TipEditors.Any(s.HasRole);

    public static bool MayRecordParking(DataScope s) => ParkingRecorders.Any(s.HasRole);

    public static bool MayIssueReceipts(DataScope s) => Cashiers.Any(s.HasRole);

    public static bool MayReconcile(DataScope s) => s.IsGlobal || Reconcilers.Any(s.HasRole);

    public static bool MayRecordDuties(DataScope s) => DutyRecorders.Any(s.HasRole);

    public static bool MayReadMetrics(DataScope s) => s.IsGlobal || MetricsReaders.Any(s.HasRole);

    public static bool MaySupervise(DataScope s) => s.IsGlobal || Supervisors.Any(s.HasRole);

    /// <summary>Whether the scope supervises the guards of this project (a supervisor's role there, not merely somewhere).</summary>
    public static bool MaySuperviseAt(DataScope s, Guid companyId, Guid projectId) => s.HasRoleAt(Supervisors, companyId, projectId, null);
}
