using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Seed;

internal sealed partial class WorkOrderDemoData
{
    private static readonly string[] Faults =
    [
        "卫生间水龙头漏水",
        "厨房下水道堵塞",
        "客厅插座没电",
        "入户门锁芯损坏",
        "窗户关不严漏风",
        "阳台地漏返味",
        "热水器不出热水",
        "吸顶灯不亮",
        "空调冷凝水管滴水",
        "马桶水箱一直流水",
        "墙面渗水发霉",
        "开关面板松动",
    ];
    private static readonly (string Location, RequestCategory Category, string Fault)[] PublicFaults =
    [
        ("1幢电梯厅", RequestCategory.Elevator, "电梯按钮失灵"),
        ("地下车库B区", RequestCategory.Electrical, "车库照明灯不亮"),
        ("小区南门", RequestCategory.Security, "门禁刷卡无反应"),
        ("中心花园", RequestCategory.Greening, "草坪喷头损坏漏水"),
        ("3幢楼道", RequestCategory.Cleaning, "楼道堆放杂物需清理"),
        ("儿童游乐区", RequestCategory.PublicFacility, "滑梯扶手松动"),
    ];

    // 2026 public holidays and swapped workdays (demo calendar; projects edit their own).
    private static readonly DateOnly[] Holidays2026 =
    [
        .. new[]
        {
            (1, 1),
            (1, 2),
            (1, 3),
            (2, 16),
            (2, 17),
            (2, 18),
            (2, 19),
            (2, 20),
            (2, 21),
            (2, 22),
            (4, 4),
            (4, 5),
            (4, 6),
            (5, 1),
            (5, 2),
            (5, 3),
            (5, 4),
            (5, 5),
            (6, 19),
            (6, 20),
            (6, 21),
            (10, 1),
            (10, 2),
            (10, 3),
            (10, 4),
            (10, 5),
            (10, 6),
            (10, 7),
        }.Select(d => new DateOnly(2026, d.Item1, d.Item2)),
    ];
    private static readonly DateOnly[] Extra2026 =
    [
        new(2026, 1, 4),
        new(2026, 2, 14),
        new(2026, 2, 28),
        new(2026, 5, 9),
        new(2026, 9, 20),
        new(2026, 10, 10),
    ];

    private static void Complete(WuyeDb db, ServiceRequest r, WorkOrder wo, DateTimeOffset at, bool first)
    {
        wo.Status = WorkOrderStatus.Completed;
        wo.CompletedAt = at;
        wo.WorkDone = "已处理完毕";
        wo.OwnerConfirmedBy = "业主";
        r.Status = RequestStatus.Completed;
        if (!first)
            return;
        r.CompletedAt = at;
        r.CompletionOnTime = wo.CompletionDueAt is { } due ? at <= due : null;
        r.TechnicianUserId = wo.AssigneeUserId;
    }

    private static void Visit(
        WuyeDb db,
        ServiceRequest r,
        WorkOrder wo,
        ReturnVisit v,
        DateTimeOffset at,
        bool satisfied,
        int score,
        Guid? by,
        string? byName
    )
    {
        v.Status = ReturnVisitStatus.Done;
        v.VisitedAt = at;
        v.VisitedByUserId = by;
        v.VisitedByName = byName;
        v.Satisfied = satisfied;
        v.Score = score;
        v.Comment = satisfied ? null : "问题没有解决，仍然漏水";
        wo.Status = WorkOrderStatus.Closed;
        wo.ClosedAt = at;
        r.Visited = true;
        r.Satisfied = satisfied;
        r.FirstSatisfied ??= satisfied;
        r.Score = score;
        Event(db, r, wo, at, EventKind.Visited, byName, satisfied ? "满意" : "不满意");
        if (!satisfied)
            return;
        r.Status = RequestStatus.Closed;
        r.ClosedAt = at;
    }

    private static void Event(WuyeDb db, ServiceRequest r, WorkOrder? wo, DateTimeOffset at, EventKind kind, string? actor, string? note) =>
        db.Add(
            new WorkOrderEvent
            {
                CompanyId = r.CompanyId,
                ProjectId = r.ProjectId,
                ZoneId = r.ZoneId,
                UnitId = r.UnitId,
                ServiceRequestId = r.Id,
                WorkOrderId = wo?.Id,
                At = at,
                ActorName = actor,
                Kind = kind,
                Note = note,
            }
        );
}
