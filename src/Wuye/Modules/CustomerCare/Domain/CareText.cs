using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>The names of kinds, audiences and statuses, zh and en.</summary>
internal static class CareText
{
    public static string KindName(NoticeKind k) =>
        k switch
        {
            NoticeKind.Emergency => Loc.T("紧急通知", "Emergency"),
            NoticeKind.WorkPlan => Loc.T("工作计划", "Work plan"),
            NoticeKind.Activity => Loc.T("社区活动", "Activity"),
            _ => Loc.T("公告", "Notice"),
        };

    public static string AudienceName(NoticeAudience a) =>
        a switch
        {
            NoticeAudience.Owners => Loc.T("业主", "Owners"),
            NoticeAudience.Staff => Loc.T("员工", "Staff"),
            _ => Loc.T("全体", "Everyone"),
        };

    public static string StatusName(NoticeStatus s) =>
        s switch
        {
            NoticeStatus.Draft => Loc.T("草稿", "Draft"),
            NoticeStatus.Published => Loc.T("已发布", "Published"),
            _ => Loc.T("已撤下", "Withdrawn"),
        };
}
