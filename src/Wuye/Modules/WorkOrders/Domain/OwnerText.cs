using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>What happens next on an owner's request, when, and who: one plain sentence and at most one time.</summary>
internal sealed record OwnerNext(string What, string? WhenLabel, DateTimeOffset? When, string? Who);

/// <summary>
/// A request as the owner reads it on the portal: plain words for where it stands and what comes next;
/// none of the staff's clocks, limits, escalations or internal steps (派单, 时限, 回访, 归档).
/// </summary>
internal static class OwnerText
{
    public static string StatusName(RequestStatus s) =>
        s switch
        {
            RequestStatus.Open => Loc.T("正在处理", "Being handled"),
            RequestStatus.Completed => Loc.T("已修好，请评价", "Fixed: please rate it"),
            RequestStatus.Closed => Loc.T("已完成", "Done"),
            _ => Loc.T("与同一问题一起处理", "Handled with the same fault"),
        };

    /// <summary>A step of the history in the owner's words; null for the staff's own steps (warnings, declines, clocks).</summary>
    public static string? StepName(EventKind k) =>
        k switch
        {
            EventKind.Created or EventKind.Imported => Loc.T("收到您的报修", "We got your request"),
            EventKind.Dispatched => Loc.T("安排了维修师傅", "A technician was assigned"),
            EventKind.Accepted => Loc.T("师傅接了这单", "The technician took the job"),
            EventKind.Arrived => Loc.T("师傅上门", "The technician arrived"),
            EventKind.Paused => Loc.T("暂停维修", "Work on hold"),
            EventKind.Resumed => Loc.T("继续维修", "Work resumed"),
            EventKind.Completed => Loc.T("修好了", "Fixed"),
            EventKind.Visited or EventKind.Rated => Loc.T("您的评价", "Your rating"),
            EventKind.ReworkOpened => Loc.T("再次上门维修", "Coming back to fix it again"),
            EventKind.Closed => Loc.T("完成", "Done"),
            EventKind.Merged => Loc.T("与同一问题一起处理", "Handled with the same fault"),
            _ => null,
        };

    /// <summary>
    /// What happens next for a request whose latest job is <paramref name="job"/> (null: none yet):
    /// the time is the owner's own visit slot when they picked one, else the time the job is planned to be met by.
    /// </summary>
    public static OwnerNext Next(
        RequestStatus status,
        DateTimeOffset? visitFrom,
        WorkOrderStatus? job,
        string? technician,
        PauseKind? pause,
        DateTimeOffset? arriveBy,
        DateTimeOffset? fixBy
    )
    {
        var who = technician;
        var (visitLabel, visitAt) = visitFrom is { } slot
            ? (Loc.T("您约的上门时间", "Your visit time"), slot)
            : (Loc.T("最晚上门", "At your door by"), arriveBy);
        return status switch
        {
            RequestStatus.Merged => new(
                Loc.T("邻居也报了同一个问题，我们会一起修好。", "A neighbour reported the same fault; we are fixing it once for both."),
                null,
                null,
                null
            ),
            RequestStatus.Closed => new(Loc.T("已经完成，谢谢您的评价。", "All done. Thank you for your rating."), null, null, who),
            RequestStatus.Completed => new(
                Loc.T(
                    "师傅已经修好。请告诉我们您是否满意；不满意我们会再派师傅上门。",
                    "The technician has fixed it. Please tell us if you are satisfied; if not, we will send someone again."
                ),
                null,
                null,
                who
            ),
            _ => job switch
            {
                null or WorkOrderStatus.New => new(
                    Loc.T("我们已经收到，正在安排维修师傅。", "We have your request and are finding a technician."),
                    visitFrom is null ? null : visitLabel,
                    visitFrom,
                    null
                ),
                WorkOrderStatus.Dispatched => new(
                    Loc.T("已经安排了维修师傅，师傅会尽快联系您上门。", "A technician is assigned and will contact you to come round."),
                    visitLabel,
                    visitAt,
                    who
                ),
                WorkOrderStatus.Accepted => new(
                    Loc.T("师傅已经接单，会按时上门。", "The technician has taken the job and will come round on time."),
                    visitLabel,
                    visitAt,
                    who
                ),
                WorkOrderStatus.OnSite => new(
                    Loc.T("师傅正在维修。", "The technician is working on it."),
                    Loc.T("预计修好", "Expected fixed by"),
                    fixBy,
                    who
                ),
                WorkOrderStatus.Paused when pause == PauseKind.WaitingForOwner => new(
                    Loc.T("需要和您约个时间，师傅会联系您。", "We need to agree a time with you; the technician will call."),
                    null,
                    null,
                    who
                ),
                WorkOrderStatus.Paused => new(
                    Loc.T("正在等配件，到了以后师傅继续维修。", "Waiting for parts; the technician carries on when they arrive."),
                    null,
                    null,
                    who
                ),
                _ => new(Loc.T("师傅已经修好，稍后请您评价。", "The technician has finished; you can rate it shortly."), null, null, who),
            },
        };
    }
}
