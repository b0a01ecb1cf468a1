using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>设施设备类别: the classes of the equipment register (stored as text; new classes go at the end).</summary>
public enum AssetCategory
{
    Elevator,
    Pump,
    FireSystem,
    Lighting,
    AccessControl,
    Cctv,
    Other,
    WaterTank,
    SportsFacility,
    CarPark,
}

/// <summary>An asset of the equipment register as other modules read it (maintenance plans, intactness).</summary>
public sealed class AssetRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? BuildingId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public AssetCategory Category { get; init; }
    public string? Location { get; init; }
    public Guid? VendorId { get; init; }
    public DateOnly? NextInspection { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>The equipment register, read-only, under the reader's scope.</summary>
public static class AssetReads
{
    public static IQueryable<AssetRef> AssetRefs(this WuyeDb db) =>
        db.Set<Asset>()
            .Select(a => new AssetRef
            {
                Id = a.Id,
                CompanyId = a.CompanyId,
                ProjectId = a.ProjectId,
                BuildingId = a.BuildingId,
                Code = a.Code,
                Name = a.Name,
                Category = a.Category,
                Location = a.Location,
                VendorId = a.VendorId,
                NextInspection = a.NextInspection,
                ArchivedAt = a.ArchivedAt,
            });
}

/// <summary>The names of asset classes as staff read them.</summary>
public static class AssetText
{
    public static string CategoryName(AssetCategory c) =>
        c switch
        {
            AssetCategory.Elevator => Loc.T("电梯", "Elevator"),
            AssetCategory.Pump => Loc.T("水泵", "Pump"),
            AssetCategory.FireSystem => Loc.T("消防", "Fire system"),
            AssetCategory.Lighting => Loc.T("照明", "Lighting"),
            AssetCategory.AccessControl => Loc.T("门禁", "Access control"),
            AssetCategory.Cctv => Loc.T("监控", "CCTV"),
            AssetCategory.WaterTank => Loc.T("二次供水水箱", "Water tank"),
            AssetCategory.SportsFacility => Loc.T("公共体育设施", "Public sports facility"),
            AssetCategory.CarPark => Loc.T("停车场设施", "Car-park facility"),
            _ => Loc.T("其他", "Other"),
        };
}
