using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>
/// The names of the module's channels, job statuses, pause kinds and timeline steps as staff and owners
/// read them. Categories and request statuses are in <see cref="Contracts.ServiceRequestText"/>.
/// </summary>
internal static class WorkOrderText
{
    public static string ChannelName(RequestChannel c) =>
        c switch
        {
            RequestChannel.FrontDesk => Loc.T("前台", "Front desk"),
            RequestChannel.Hotline => Loc.T("热线", "Hotline"),
            RequestChannel.MonitoringCenter => Loc.T("监控中心", "Monitoring center"),
            RequestChannel.Patrol => Loc.T("巡查", "Patrol"),
            RequestChannel.OwnerPortal => Loc.T("业主端", "Owner portal"),
            _ => Loc.T("历史导入", "Imported"),
        };

    public static string PauseName(PauseKind k) =>
        k == PauseKind.WaitingForOwner ? Loc.T("等待业主", "Waiting for owner") : Loc.T("等待配件", "Waiting for parts");

    public static string StatusName(WorkOrderStatus s) =>
        s switch
        {
            WorkOrderStatus.New => Loc.T("待派单", "To dispatch"),
            WorkOrderStatus.Dispatched => Loc.T("已派单", "Dispatched"),
            WorkOrderStatus.Accepted => Loc.T("已接单", "Accepted"),
            WorkOrderStatus.OnSite => Loc.T("处理中", "On site"),
            WorkOrderStatus.Paused => Loc.T("暂停", "Paused"),
            WorkOrderStatus.Completed => Loc.T("已完工", "Completed"),
            _ => Loc.T("已关闭", "Closed"),
        };

    public static string EventName(EventKind k) =>
        k switch
        {
            EventKind.Created => Loc.T("登记", "Registered"),
            EventKind.Dispatched => Loc.T("派单", "Dispatched"),
            EventKind.Accepted => Loc.T("接单", "Accepted"),
            EventKind.Declined => Loc.T("拒单", "Declined"),
            EventKind.Transferred => Loc.T("转派", "Transferred"),
            EventKind.Arrived => Loc.T("到场", "Arrived"),
            EventKind.Paused => Loc.T("暂停计时", "Clock paused"),
            EventKind.Resumed => Loc.T("恢复计时", "Clock resumed"),
            EventKind.Completed => Loc.T("完工", "Completed"),
            EventKind.Visited => Loc.T("回访", "Return visit"),
            EventKind.ReworkOpened => Loc.T("返修", "Rework"),
            EventKind.Closed => Loc.T("归档", "Archived"),
            EventKind.Warned => Loc.T("临近超时提醒", "Limit approaching"),
            EventKind.Breached => Loc.T("超时上报", "Limit breached"),
            EventKind.Merged => Loc.T("合并", "Merged"),
            EventKind.Rated => Loc.T("评价", "Rated"),
            _ => Loc.T("导入", "Imported"),
        };

    /// <summary>"on time (due …)" / "late (due …)" for a clock met now.</summary>
    public static string ClockNote(DateTimeOffset? due, DateTimeOffset now) =>
        due is not { } d ? Loc.T("无时限", "no limit")
        : now <= d ? Loc.T($"按时（时限 {ChinaTime.Text(d)}）", $"on time (due {ChinaTime.Text(d)})")
        : Loc.T($"超时（时限 {ChinaTime.Text(d)}）", $"late (due {ChinaTime.Text(d)})");
}
