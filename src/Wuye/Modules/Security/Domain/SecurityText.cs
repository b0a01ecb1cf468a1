using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Domain;

/// <summary>The names of states and grades, zh and en.</summary>
internal static class SecurityText
{
    public static string Round(RoundState s) =>
        s switch
        {
            RoundState.Upcoming => Loc.T("未开始", "Upcoming"),
            RoundState.InProgress => Loc.T("进行中", "In progress"),
            RoundState.Overdue => Loc.T("有超时点", "Overdue"),
            RoundState.Completed => Loc.T("已完成", "Completed"),
            _ => Loc.T("漏巡", "Missed"),
        };

    public static string Point(PointState s) =>
        s switch
        {
            PointState.Pending => Loc.T("待巡", "Pending"),
            PointState.Done => Loc.T("已打卡", "Scanned"),
            PointState.Overdue => Loc.T("超时未到", "Overdue"),
            PointState.Excused => Loc.T("已免责", "Excused"),
            _ => Loc.T("漏巡", "Missed"),
        };

    public static string Timing(PointTiming? t) =>
        t switch
        {
            PointTiming.Early => Loc.T("提前", "Early"),
            PointTiming.Late => Loc.T("迟到", "Late"),
            PointTiming.OnTime => Loc.T("准时", "On time"),
            _ => "",
        };

    public static string Grade(RoundGrade g) =>
        g switch
        {
            RoundGrade.Good => Loc.T("优良", "Good"),
            RoundGrade.Pass => Loc.T("合格", "Pass"),
            _ => Loc.T("不合格", "Fail"),
        };
}
