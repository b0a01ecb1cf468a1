using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

internal enum PaidOrderStatus
{
    /// <summary>Ordered by the owner, waiting for the steward or the desk to assign someone.</summary>
    Ordered,
    Assigned,

    /// <summary>Done and paid (the payment is recorded with the completion); the owner may rate it.</summary>
    Done,
    Cancelled,
}

internal enum PaidMethod
{
    Cash,
    WeChat,
    Alipay,
    Card,
}

/// <summary>菜单式特约服务 (002/篇4): one priced item of a project's menu (保洁, 家电维修, 代办…).</summary>
internal sealed class PaidService : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public required string Category { get; set; }
    public decimal Price { get; set; }

    /// <summary>次, 小时, 平方米, 件…</summary>
    public required string PriceUnit { get; set; }
    public string? Description { get; set; }
    public bool Active { get; set; } = true;
    public int Position { get; set; }

    /// <summary>A new price or description for orders from now on (an order keeps the price it was placed at).</summary>
    public void Edit(decimal price, string? description)
    {
        CheckActive();
        Price = price;
        Description = description;
    }

    /// <summary>Takes the item off the menu: no new orders; the orders placed stand.</summary>
    public void Retire()
    {
        CheckActive();
        Active = false;
    }

    private void CheckActive()
    {
        if (!Active)
            throw new RuleException("paid_service.retired", $"「{Name}」已下架", $"{Name} is retired");
    }
}

/// <summary>An owner's order of a special service: assigned to a staff member, done and paid, rated by the owner.</summary>
internal sealed class PaidOrder : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid ServiceId { get; set; }
    public required string ServiceName { get; set; }
    public decimal Price { get; set; }
    public int Quantity { get; set; }
    public decimal Amount { get; set; }
    public PaidOrderStatus Status { get; set; }
    public DateTimeOffset? WantedAt { get; set; }
    public string? Note { get; set; }
    public Guid? OrderedByUserId { get; set; }
    public Guid? AssigneeStaffId { get; set; }
    public Guid? AssigneeUserId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneNote { get; set; }
    public decimal? PaidAmount { get; set; }
    public PaidMethod? PaidMethod { get; set; }
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTimeOffset? RatedAt { get; set; }

    /// <summary>The owner cancels before anyone is assigned; after, the refusal says why.</summary>
    public void Cancel()
    {
        switch (Status)
        {
            case PaidOrderStatus.Ordered:
                Status = PaidOrderStatus.Cancelled;
                return;
            case PaidOrderStatus.Assigned:
                throw new RuleException(
                    "paid_order.assigned",
                    $"已派单给 {AssigneeName}，不能自行取消，请联系管家",
                    $"Already assigned to {AssigneeName}: ask your steward to cancel it"
                );
            case PaidOrderStatus.Done:
                throw new RuleException("paid_order.done", "服务已完成，不能取消", "The service is done and cannot be cancelled");
            default:
                throw new RuleException("paid_order.cancelled", "订单已取消", "The order is already cancelled");
        }
    }
}

internal static class PaidText
{
    public static string StatusName(PaidOrderStatus s) =>
        s switch
        {
            PaidOrderStatus.Ordered => Loc.T("待派单", "To assign"),
            PaidOrderStatus.Assigned => Loc.T("服务中", "Assigned"),
            PaidOrderStatus.Done => Loc.T("已完成", "Done"),
            _ => Loc.T("已取消", "Cancelled"),
        };

    public static string MethodName(PaidMethod m) =>
        m switch
        {
            PaidMethod.Cash => Loc.T("现金", "Cash"),
            PaidMethod.WeChat => Loc.T("微信", "WeChat"),
            PaidMethod.Alipay => Loc.T("支付宝", "Alipay"),
            _ => Loc.T("银行卡", "Card"),
        };
}
