using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Domain;

/// <summary>The names of the gate's statuses, zh and en.</summary>
internal static class GateText
{
    public static string Status(PassStatus s) =>
        s switch
        {
            PassStatus.Active => Loc.T("有效", "Valid"),
            PassStatus.AwaitingOwner => Loc.T("待业主确认", "Waiting for the owner"),
            PassStatus.Refused => Loc.T("业主拒绝", "Refused by the owner"),
            PassStatus.Cancelled => Loc.T("已取消", "Cancelled"),
            _ => s.ToString(),
        };

    public static string Kind(PassKind k) => k == PassKind.WalkIn ? Loc.T("临时访客", "Walk-in") : Loc.T("预约访客", "Pre-registered");

    public static string Badge(PassStatus s) =>
        s switch
        {
            PassStatus.Active => "bg-green-lt",
            PassStatus.AwaitingOwner => "bg-orange-lt",
            _ => "bg-secondary-lt",
        };
}
