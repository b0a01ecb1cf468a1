using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>Who does what in regulation: the regulator keeps the records; the company reads its own and objects.</summary>
internal static class RegulationRoles
{
    /// <summary>Who keeps tables, records, ratings (the platform admin acts through the same endpoints).</summary>
    public static readonly string[] Regulators = [Roles.Regulator, Roles.PlatformAdmin];

    /// <summary>Who answers for the company: objects to records, answers ledger problems.</summary>
    public static readonly string[] CompanyAnswerers = [Roles.CompanyManager, Roles.QualityInspector];

    /// <summary>Who reads the company's credit records.</summary>
    public static readonly string[] Readers = [Roles.Regulator, Roles.PlatformAdmin, Roles.CompanyManager, Roles.QualityInspector];

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.HasRole);

    public static bool IsRegulator(DataScope s) => s.IsGlobal || s.HasRole(Roles.Regulator);

    public static bool MayAnswer(DataScope s) => CompanyAnswerers.Any(s.HasRole);
}
