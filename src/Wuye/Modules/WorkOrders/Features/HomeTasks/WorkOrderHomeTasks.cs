using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.HomeTasks;

/// <summary>What waits for each role in the request loop: jobs to dispatch, to do, to visit, late ones.</summary>
internal sealed class WorkOrderHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    private static readonly WorkOrderStatus[] Open = WorkOrder.OpenStatuses;

    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var orders = db.Set<WorkOrder>().AsNoTracking();
        var tasks = new List<HomeTask>();
        if (role == Roles.Technician)
        {
            var mine = orders.Where(w => w.AssigneeUserId == scope.UserId);
            tasks.Add(
                new(Loc.T("待接单", "To accept"), await mine.CountAsync(w => w.Status == WorkOrderStatus.Dispatched, ct), "/work-orders/my")
            );
            tasks.Add(
                new(
                    Loc.T("处理中", "Under way"),
                    await mine.CountAsync(
                        w =>
                            w.Status == WorkOrderStatus.Accepted
                            || w.Status == WorkOrderStatus.OnSite
                            || w.Status == WorkOrderStatus.Paused,
                        ct
                    ),
                    "/work-orders/my"
                )
            );
            tasks.Add(
                new(
                    Loc.T("已超过完成时限", "Past their completion limit"),
                    await mine.CountAsync(
                        w => Open.Contains(w.Status) && w.Status != WorkOrderStatus.Paused && w.CompletionDueAt < now,
                        ct
                    ),
                    "/work-orders/my",
                    Urgent: true
                )
            );
        }
        else if (WorkOrderRoles.Dispatchers.Contains(role))
        {
            tasks.Add(
                new(Loc.T("待派单", "To dispatch"), await orders.CountAsync(w => w.Status == WorkOrderStatus.New, ct), "/work-orders/board")
            );
            tasks.Add(
                new(
                    Loc.T("超时未完成的工单", "Late jobs"),
                    await orders.CountAsync(
                        w => Open.Contains(w.Status) && w.Status != WorkOrderStatus.Paused && w.CompletionDueAt < now,
                        ct
                    ),
                    "/work-orders/board",
                    Urgent: true
                )
            );
            var visits = db.Set<ReturnVisit>().AsNoTracking().Where(v => v.Status == ReturnVisitStatus.Pending);
            tasks.Add(new(Loc.T("待回访", "Return visits due"), await visits.CountAsync(ct), "/work-orders/return-visits"));
            tasks.Add(
                new(
                    Loc.T("回访已超时", "Return visits overdue"),
                    await visits.CountAsync(v => v.DueAt < now, ct),
                    "/work-orders/return-visits",
                    Urgent: true
                )
            );
        }
        else if (role == Roles.Owner)
        {
            tasks.Add(
                new(
                    Loc.T("我的报修处理中", "My requests under way"),
                    await db.Set<ServiceRequest>().AsNoTracking().CountAsync(r => r.Status == RequestStatus.Open, ct),
                    "/portal/requests"
                )
            );
            tasks.Add(
                new(
                    Loc.T("待我评价", "Waiting for my rating"),
                    await WorkOrderQueries.AwaitingOwnerRating(db).CountAsync(ct),
                    "/portal/requests#to-rate"
                )
            );
        }
        return tasks;
    }
}
