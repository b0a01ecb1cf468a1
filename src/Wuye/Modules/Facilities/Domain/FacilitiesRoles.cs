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

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool MayDo(DataScope s) => Technicians.Any(s.HasRole);

    public static bool MayPlan(DataScope s) => s.IsGlobal || Planners.Any(s.HasRole);
}
