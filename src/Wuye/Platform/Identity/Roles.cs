using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>The roles of the mission map. A user holds a role at a scope through <see cref="RoleAssignment"/>.</summary>
public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string CompanyManager = "company_manager";
    public const string QualityInspector = "quality_inspector";
    public const string ProjectManager = "project_manager";
    public const string CustomerService = "customer_service";
    public const string Steward = "steward";
    public const string Technician = "technician";
    public const string SecurityGuard = "security_guard";
    public const string MonitoringCenter = "monitoring_center";
    public const string Owner = "owner";
    public const string OwnersCommittee = "owners_committee";
    public const string Regulator = "regulator";

    public sealed record Info(string Code, string Zh, string En, RoleLevel Level, string Home);

    public enum RoleLevel
    {
        Platform,
        Regulator,
        Company,
        Project,
        Zone,
        Unit,
    }

    /// <summary>Each role with its name, the level of the tree it is granted at, and its home page.</summary>
    public static readonly IReadOnlyList<Info> All =
    [
        new(PlatformAdmin, "平台管理员", "Platform admin", RoleLevel.Platform, "/home/admin"),
        new(Regulator, "物业主管部门", "Regulator", RoleLevel.Regulator, "/home/regulator"),
        new(CompanyManager, "公司管理层", "Company manager", RoleLevel.Company, "/home/company"),
        new(QualityInspector, "品质督察员", "Quality inspector", RoleLevel.Company, "/home/quality"),
        new(ProjectManager, "项目经理", "Project manager", RoleLevel.Project, "/home/project"),
        new(CustomerService, "客服", "Customer service", RoleLevel.Project, "/home/service-desk"),
        new(Technician, "维修工程师", "Technician", RoleLevel.Project, "/home/technician"),
        new(SecurityGuard, "安全员", "Security guard", RoleLevel.Project, "/home/security"),
        new(MonitoringCenter, "监控中心", "Monitoring center", RoleLevel.Project, "/home/monitoring"),
        new(Steward, "片区管家", "Zone steward", RoleLevel.Zone, "/home/steward"),
        new(OwnersCommittee, "业主委员会", "Owners' committee", RoleLevel.Project, "/home/committee"),
        new(Owner, "业主", "Owner", RoleLevel.Unit, "/home/owner"),
    ];

    /// <summary>
    /// The explicit order of who may grant which role (and so manage the accounts holding it):
    /// a platform admin any; a company manager every company role but the platform's and the
    /// regulator's (other company managers of their company included); a project manager the
    /// project, zone and unit roles below them; a steward owners of their zone. Nobody grants above themselves.
    /// </summary>
    public static bool MayGrant(string granter, string role) =>
        granter switch
        {
            PlatformAdmin => true,
            CompanyManager => role is not (PlatformAdmin or Regulator) && Find(role) is not null,
            ProjectManager => role is not ProjectManager && Find(role)?.Level is RoleLevel.Project or RoleLevel.Zone or RoleLevel.Unit,
            Steward => role is Owner,
            _ => false,
        };

    public static Info? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    public static string Name(string code) => Find(code) is { } r ? Loc.T(r.Zh, r.En) : code;
}
