using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>The names of the fee enums, in Chinese and English.</summary>
internal static class FeeText
{
    public static string KindName(FeeKind k) =>
        k switch
        {
            FeeKind.AreaBased => Loc.T("按面积", "By area"),
            FeeKind.Fixed => Loc.T("固定金额", "Fixed"),
            _ => Loc.T("车位租金", "Parking rent"),
        };

    public static string MethodName(PaymentMethod m) =>
        m switch
        {
            PaymentMethod.Cash => Loc.T("现金", "Cash"),
            PaymentMethod.Transfer => Loc.T("转账", "Transfer"),
            _ => Loc.T("在线支付", "Online"),
        };

    public static string RoundingName(RoundingRule r) =>
        r == RoundingRule.Down ? Loc.T("舍去到分", "Down to the fen") : Loc.T("四舍五入到分", "Half up to the fen");
}
