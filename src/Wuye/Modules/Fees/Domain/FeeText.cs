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
            FeeKind.Metered => Loc.T("抄表计费", "Metered"),
            FeeKind.OneOff => Loc.T("一次性收费", "One-off"),
            _ => Loc.T("车位租金", "Parking rent"),
        };

    /// <summary>What the price is per, as the fee-item list says it: "元/m²·月", "元/吨", "元".</summary>
    public static string PriceUnit(FeeKind k, string? usageUnit) =>
        k switch
        {
            FeeKind.AreaBased => Loc.T("元/m²·月", "yuan/m²·month"),
            FeeKind.Metered => Loc.T($"元/{usageUnit}", $"yuan/{usageUnit}"),
            FeeKind.OneOff => Loc.T("元", "yuan"),
            _ => Loc.T("元/月", "yuan/month"),
        };

    public static string MethodName(PaymentMethod m) =>
        m switch
        {
            PaymentMethod.Cash => Loc.T("现金", "Cash"),
            PaymentMethod.Transfer => Loc.T("转账", "Transfer"),
            PaymentMethod.CreditNote => Loc.T("减免", "Credit note"),
            PaymentMethod.Refund => Loc.T("退款", "Refund"),
            _ => Loc.T("在线支付", "Online"),
        };

    public static string ReasonName(AdjustmentReason r) =>
        r switch
        {
            AdjustmentReason.Vacant => Loc.T("空置减免", "Vacant unit"),
            AdjustmentReason.Hardship => Loc.T("困难减免", "Hardship"),
            AdjustmentReason.ServiceProblem => Loc.T("服务问题（质价不符）", "Service problem"),
            _ => Loc.T("其他", "Other"),
        };

    public static string StatusName(AdjustmentStatus s) =>
        s switch
        {
            AdjustmentStatus.Pending => Loc.T("待审批", "Waiting for approval"),
            AdjustmentStatus.Approved => Loc.T("已批准", "Approved"),
            _ => Loc.T("已驳回", "Rejected"),
        };

    public static string CycleName(int months) =>
        months switch
        {
            1 => Loc.T("按月", "Monthly"),
            3 => Loc.T("按季度", "Quarterly"),
            6 => Loc.T("按半年", "Half-yearly"),
            12 => Loc.T("按年", "Yearly"),
            _ => Loc.T($"每 {months} 个月", $"Every {months} months"),
        };

    public static string RoundingName(RoundingRule r) =>
        r == RoundingRule.Down ? Loc.T("舍去到分", "Down to the fen") : Loc.T("四舍五入到分", "Half up to the fen");

    public static string StepName(ReminderStep s) =>
        s switch
        {
            ReminderStep.Notice => Loc.T("书面催缴通知", "Written notice"),
            ReminderStep.Sms => Loc.T("短信催缴", "SMS reminder"),
            _ => Loc.T("转管家上门", "Passed to the steward to visit"),
        };

    public static string OutcomeName(VisitOutcome o) =>
        o switch
        {
            VisitOutcome.Promised => Loc.T("承诺缴费", "Promised to pay"),
            VisitOutcome.Refused => Loc.T("拒缴", "Refused"),
            VisitOutcome.NotHome => Loc.T("无人在家", "Not at home"),
            _ => Loc.T("已缴费", "Paid"),
        };

    public static string CategoryName(RevenueCategory c) =>
        c switch
        {
            RevenueCategory.Parking => Loc.T("停车收入", "Parking"),
            RevenueCategory.Advertising => Loc.T("广告收入", "Advertising"),
            RevenueCategory.VenueRental => Loc.T("场地租赁", "Venue rental"),
            RevenueCategory.OtherIncome => Loc.T("其他收入", "Other income"),
            RevenueCategory.Maintenance => Loc.T("公共部位维修", "Maintenance"),
            RevenueCategory.Utilities => Loc.T("公共水电", "Utilities"),
            RevenueCategory.Tax => Loc.T("税费", "Tax"),
            RevenueCategory.ManagementCost => Loc.T("管理成本", "Management cost"),
            _ => Loc.T("其他支出", "Other expense"),
        };

    public static string RevenueKindName(RevenueKind k) => k == RevenueKind.Income ? Loc.T("收入", "Income") : Loc.T("支出", "Expense");
}
