using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>Who takes part in facilities work; the menu, pages, endpoints and to-do lists ask these same sets.</summary>
internal static class FacilitiesRoles
{
    /// <summary>Who does maintenance tasks on a phone.</summary>
    public static readonly string[] Technicians = [Roles.Technician];

    /// <summary>Who sets up and archives maintenance plans.</summary>
    public static readonly string[] Planners = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Who opens the facilities pages.</summary>
    public static readonly string[] Readers = [Roles.Technician, Roles.ProjectManager, Roles.CompanyManager, Roles.QualityInspector];

    /// <summary>Who marks cleaning and greening work done on a phone: the project's field staff with an account (there is no cleaner
    /// role; a zone steward supervises and spot-checks, and a steward's grant reaches no project-level photo).</summary>
    public static readonly string[] EnvironmentWorkers = [Roles.Technician];

    /// <summary>Who watches the zone board and spot-checks done work.</summary>
    public static readonly string[] EnvironmentSupervisors =
    [
        Roles.Steward,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.QualityInspector,
    ];

    /// <summary>Who opens the cleaning and greening pages.</summary>
    public static readonly string[] EnvironmentReaders = [.. EnvironmentWorkers.Union(EnvironmentSupervisors)];

    public static bool MayReadEnvironment(DataScope s) => s.IsGlobal || EnvironmentReaders.Any(s.HasRole);

    public static bool MaySupervise(DataScope s) => s.IsGlobal || EnvironmentSupervisors.Any(s.HasRole);

    /// <summary>Who reads the vendors' scorecards and contract dates.</summary>
    public static readonly string[] VendorReaders = [Roles.ProjectManager, Roles.CompanyManager, Roles.QualityInspector];

    public static bool MayReadVendors(DataScope s) => s.IsGlobal || VendorReaders.Any(s.HasRole);

    /// <summary>Who reads the zones' upkeep ranking (000#13): the stewards and those over them.</summary>
    public static readonly string[] ZoneComparisonReaders =
    [
        Roles.Steward,
        Roles.ProjectManager,
        Roles.CompanyManager,
        Roles.QualityInspector,
    ];

    public static bool MayCompareZones(DataScope s) => s.IsGlobal || ZoneComparisonReaders.Any(s.HasRole);

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool MayDo(DataScope s) => Technicians.Any(s.HasRole);

    public static bool MayPlan(DataScope s) => s.IsGlobal || Planners.Any(s.HasRole);
}
