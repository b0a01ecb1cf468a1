using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>The names of kinds and statuses, zh and en.</summary>
internal static class FacilitiesText
{
    public static string Kind(ChecklistKind k) =>
        k switch
        {
            ChecklistKind.YesNo => Loc.T("正常/异常", "OK / not OK"),
            ChecklistKind.Number => Loc.T("数值", "Number"),
            ChecklistKind.Text => Loc.T("文字", "Text"),
            ChecklistKind.Photo => Loc.T("照片", "Photo"),
            _ => Loc.T("表计读数", "Meter reading"),
        };

    public static string Severity(FailureSeverity s) =>
        s switch
        {
            FailureSeverity.Low => Loc.T("一般", "Low"),
            FailureSeverity.Urgent => Loc.T("紧急", "Urgent"),
            _ => Loc.T("较重", "Normal"),
        };

    public static string Status(MaintenanceTaskStatus s, bool overdue) =>
        s == MaintenanceTaskStatus.Done ? Loc.T("已完成", "Done")
        : overdue ? Loc.T("已逾期", "Overdue")
        : Loc.T("待保养", "To do");

    public static string MeterKind(MeterKind k) =>
        k switch
        {
            Domain.MeterKind.Electricity => Loc.T("电表", "Electricity"),
            Domain.MeterKind.Water => Loc.T("水表", "Water"),
            _ => Loc.T("燃气表", "Gas"),
        };

    public static string Work(EnvironmentWork w) =>
        w switch
        {
            EnvironmentWork.Cleaning => Loc.T("保洁", "Cleaning"),
            EnvironmentWork.Greening => Loc.T("绿化", "Greening"),
            _ => Loc.T("消杀", "Pest control"),
        };

    public static string EnvironmentStatus(EnvironmentTaskStatus s, bool overdue, bool? checkPassed = null) =>
        checkPassed == false ? Loc.T("抽查不合格", "Failed check")
        : checkPassed == true ? Loc.T("抽查合格", "Checked")
        : s == EnvironmentTaskStatus.Done ? Loc.T("已完成", "Done")
        : overdue ? Loc.T("已逾期", "Overdue")
        : Loc.T("待完成", "To do");
}
