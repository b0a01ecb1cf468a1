using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum PriceKind
{
    Material,
    Labour,
}

/// <summary>特约服务 price list: materials and labour for paid household repairs.</summary>
internal sealed class PriceItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Name { get; set; }
    public PriceKind Kind { get; set; }
    public required string UnitName { get; set; }
    public decimal Price { get; set; }
}

/// <summary>A material or labour line on a paid household repair, priced from the price list.</summary>
internal sealed class WorkOrderCharge : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid WorkOrderId { get; set; }
    public Guid PriceItemId { get; set; }
    public required string Name { get; set; }
    public PriceKind Kind { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}
