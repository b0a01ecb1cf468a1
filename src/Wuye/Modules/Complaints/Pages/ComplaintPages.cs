using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>What the complaint pages share.</summary>
internal static class ComplaintPages
{
    public static bool IsStaff(DataScope s) => s.IsGlobal || ComplaintRoles.Handlers.Any(s.Roles.Contains);

    public static bool IsManager(DataScope s) => s.IsGlobal || ComplaintRoles.Managers.Any(s.Roles.Contains);

    public static string Badge(ComplaintDto c) =>
        c.Status == ComplaintStatus.Closed ? "bg-secondary-lt"
        : c.Overdue ? "bg-red-lt"
        : "bg-blue-lt";

    public static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0") + "%" : "—";

    /// <summary>A China-time value for a datetime-local input.</summary>
    public static string Input(DateTimeOffset t) => ChinaTime.ToChina(t).ToString("yyyy-MM-ddTHH:mm");

    /// <summary>A datetime-local input read as China time.</summary>
    public static DateTimeOffset? FromInput(DateTime? local) => ChinaTime.FromInput(local);
}
