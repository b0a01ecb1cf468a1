using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>The colours of the work-order statuses on the pages.</summary>
internal static class PageHelpers
{
    public static string Badge(WorkOrderStatus s) =>
        s switch
        {
            WorkOrderStatus.New => "bg-red-lt",
            WorkOrderStatus.Dispatched => "bg-orange-lt",
            WorkOrderStatus.Accepted or WorkOrderStatus.OnSite => "bg-blue-lt",
            WorkOrderStatus.Paused => "bg-yellow-lt",
            WorkOrderStatus.Completed => "bg-green-lt",
            _ => "bg-secondary-lt",
        };

    public static string Badge(RequestStatus s) =>
        s switch
        {
            RequestStatus.Open => "bg-blue-lt",
            RequestStatus.Completed => "bg-green-lt",
            RequestStatus.Closed => "bg-secondary-lt",
            _ => "bg-secondary-lt",
        };
}
