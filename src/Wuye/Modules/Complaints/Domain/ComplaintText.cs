using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>The names of the complaint enums, in Chinese and English (pages, timeline, exports).</summary>
internal static class ComplaintText
{
    public static string ChannelName(ComplaintChannel c) =>
        c switch
        {
            ComplaintChannel.FrontDesk => Loc.T("前台", "Front desk"),
            ComplaintChannel.Hotline => Loc.T("热线", "Hotline"),
            ComplaintChannel.Portal => Loc.T("业主端", "Owner portal"),
            ComplaintChannel.Staff => Loc.T("员工转达", "Staff"),
            _ => Loc.T("总经理信箱", "Management mailbox"),
        };

    public static string CategoryName(ComplaintCategory c) =>
        c switch
        {
            ComplaintCategory.Repairs => Loc.T("维修", "Repairs"),
            ComplaintCategory.Cleaning => Loc.T("保洁", "Cleaning"),
            ComplaintCategory.Security => Loc.T("安全秩序", "Security"),
            ComplaintCategory.Greening => Loc.T("绿化", "Greening"),
            ComplaintCategory.Parking => Loc.T("停车", "Parking"),
            ComplaintCategory.Noise => Loc.T("噪音", "Noise"),
            ComplaintCategory.Fees => Loc.T("收费", "Fees"),
            ComplaintCategory.StaffAttitude => Loc.T("服务态度", "Staff attitude"),
            ComplaintCategory.Renovation => Loc.T("装修管理", "Renovation"),
            ComplaintCategory.Facilities => Loc.T("公共设施", "Facilities"),
            _ => Loc.T("其他", "Other"),
        };

    public static string MajorName(MajorKind m) =>
        m switch
        {
            MajorKind.Group => Loc.T("群诉", "Group complaint"),
            MajorKind.Safety => Loc.T("安全事件", "Safety"),
            _ => Loc.T("媒体关注", "Media"),
        };

    public static string StatusName(ComplaintStatus s) => s == ComplaintStatus.Open ? Loc.T("处理中", "Open") : Loc.T("已关闭", "Closed");

    public static string EventName(ComplaintEventKind k) =>
        k switch
        {
            ComplaintEventKind.Received => Loc.T("受理", "Received"),
            ComplaintEventKind.Linked => Loc.T("关联报事", "Linked"),
            ComplaintEventKind.Reassigned => Loc.T("变更责任人", "Owner changed"),
            ComplaintEventKind.Postponed => Loc.T("延期答复", "Postponed"),
            ComplaintEventKind.Escalated => Loc.T("升级", "Escalated"),
            ComplaintEventKind.FollowedUp => Loc.T("跟进", "Followed up"),
            ComplaintEventKind.Closed => Loc.T("处理完毕", "Closed"),
            ComplaintEventKind.Visited => Loc.T("回访", "Visited"),
            _ => Loc.T("重新处理", "Reopened"),
        };
}
