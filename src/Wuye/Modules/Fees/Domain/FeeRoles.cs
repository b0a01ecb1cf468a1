using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Fees.Domain;

/// <summary>Who does what with fees (the endpoints' RequireRoles, the menu entries and the pages).</summary>
internal static class FeeRoles
{
    /// <summary>Set the fee items and issue the month's bills.</summary>
    public static readonly string[] Managers = [Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Take payments at the desk and issue receipts.</summary>
    public static readonly string[] Cashiers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager];

    /// <summary>Read bills, arrears and the collection rates of their places.</summary>
    public static readonly string[] Readers = [Roles.CustomerService, Roles.ProjectManager, Roles.CompanyManager, Roles.Steward];

    public static bool MayRead(DataScope s) => s.IsGlobal || Readers.Any(s.Roles.Contains);

    public static bool MayCollect(DataScope s) => s.IsGlobal || Cashiers.Any(s.Roles.Contains);

    public static bool MayManage(DataScope s) => s.IsGlobal || Managers.Any(s.Roles.Contains);
}
