using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>Names of kinds, sources and lists, zh and en.</summary>
internal static class RegulationText
{
    public static string Kind(ConductKind k) =>
        k switch
        {
            ConductKind.Base => Loc.T("基础分", "Base"),
            ConductKind.Good => Loc.T("良好行为", "Good conduct"),
            ConductKind.Bad => Loc.T("不良行为", "Bad conduct"),
            _ => Loc.T("一票否决", "Veto"),
        };

    public static string Source(ConductSource s) =>
        s switch
        {
            ConductSource.Inspection => Loc.T("检查", "Inspection"),
            ConductSource.Complaint => Loc.T("投诉核实", "Verified complaint"),
            ConductSource.Ledger => Loc.T("问题台账", "Problem ledger"),
            ConductSource.Report => Loc.T("举报", "Report"),
            ConductSource.Assessment => Loc.T("考评", "Assessment"),
            ConductSource.Figures => Loc.T("企业数据", "Company figures"),
            _ => Loc.T("其他", "Other"),
        };

    public static string Figure(CreditFigure f) =>
        f switch
        {
            CreditFigure.ComplaintHandlingRate => Loc.T("有效投诉处理率", "Complaint handling rate"),
            _ => Loc.T("回访满意率", "Owners' satisfaction (return visits)"),
        };

    /// <summary>"有效投诉处理率 &lt; 90%" — the rule of an item scored from a figure, or null.</summary>
    public static string? Rule(CreditItem i) =>
        i.Figure is { } f && i.Threshold is { } t ? $"{Figure(f)} {(i.WhenBelow ? "<" : "≥")} {t:0.##}%" : null;

    public static string List(CreditList l) =>
        l switch
        {
            CreditList.Red => Loc.T("红名单", "Red list"),
            CreditList.Black => Loc.T("黑名单", "Black list"),
            _ => "",
        };

    public static string Period(RatingPeriodKind p) =>
        p == RatingPeriodKind.HalfYear ? Loc.T("每半年", "Half-yearly") : Loc.T("每年", "Yearly");

    public static string Status(ConductRecordStatus s) =>
        s switch
        {
            ConductRecordStatus.InObjectionWindow => Loc.T("异议期内", "In objection window"),
            ConductRecordStatus.Objected => Loc.T("异议待处理", "Objection pending"),
            ConductRecordStatus.Withdrawn => Loc.T("已撤销", "Withdrawn"),
            ConductRecordStatus.Expired => Loc.T("已过有效期", "Expired"),
            _ => Loc.T("生效", "Counts"),
        };
}

/// <summary>A record's state on a day, for lists.</summary>
internal enum ConductRecordStatus
{
    InObjectionWindow,
    Objected,
    Counts,
    Withdrawn,
    Expired,
}
