using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Import;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

public sealed record ParkingSpaceDto(Guid Id, Guid ProjectId, string Code, ParkingKind Kind, string? Location, bool HasLock, Guid? UnitId, string? UnitName,
    string? HolderName, bool Archived, uint Version);
public sealed record AssetDto(Guid Id, Guid ProjectId, string Code, string Name, AssetCategory Category, Guid? BuildingId, string? Location,
    Guid? VendorId, string? VendorName, DateOnly? InstallDate, DateOnly? NextInspection, bool Archived, uint Version);
public sealed record VendorDto(Guid Id, Guid CompanyId, string Name, VendorService Service, string? ContactName, string? ContactPhone, DateOnly? ContractEnd, int Assets, bool Archived, uint Version);
public sealed record VehicleDto(Guid Id, Guid ProjectId, string Plate, string? Model, Guid? UnitId, string? UnitName, Guid? ParkingSpaceId, bool Archived, uint Version);

public sealed record ParkingSpaceInput(Guid? ProjectId, string? Code, ParkingKind? Kind, string? Location, bool? HasLock, Guid? UnitId, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("code", Code, "车位编号", "Space code").MaxLength("code", Code, 30, "车位编号", "Space code")
        .Required("kind", Kind, "车位类型", "Kind").MaxLength("location", Location, 100, "位置", "Location");
}

public sealed record AssetInput(Guid? ProjectId, string? Code, string? Name, AssetCategory? Category, Guid? BuildingId, string? Location, Guid? VendorId,
    DateOnly? InstallDate, DateOnly? NextInspection, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("code", Code, "设备编号", "Asset code").MaxLength("code", Code, 40, "设备编号", "Asset code")
        .Required("name", Name, "名称", "Name").MaxLength("name", Name, 100, "名称", "Name")
        .Required("category", Category, "类别", "Category").MaxLength("location", Location, 100, "位置", "Location");
}

public sealed record VendorInput(Guid? CompanyId, string? Name, VendorService? Service, string? ContactName, string? ContactPhone, DateOnly? ContractEnd, uint? Version) : IValidatable
{
    public void Validate(Validator v) => v.Required("name", Name, "单位名称", "Name").MaxLength("name", Name, 100, "单位名称", "Name")
        .Required("service", Service, "服务类型", "Service").MaxLength("contactName", ContactName, 50, "联系人", "Contact").Phone("contactPhone", ContactPhone);
}

public sealed partial record VehicleInput(Guid? UnitId, string? Plate, string? Model, Guid? ParkingSpaceId, uint? Version = null) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit").Required("plate", Plate, "车牌号", "Plate").MaxLength("model", Model, 50, "车型", "Model");
        if (!string.IsNullOrWhiteSpace(Plate) && !PlateRe().IsMatch(Plate.Trim().ToUpperInvariant()))
            v.Add("plate", "车牌号格式不正确（如 浙H12345 或新能源 浙HD12345）", "Not a valid plate (e.g. 浙H12345, or 浙HD12345 for new-energy)");
    }

    [GeneratedRegex(@"^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$")] private static partial Regex PlateRe();
}

/// <summary>/api/v1/parking-spaces, /assets, /vendors, /vehicles.</summary>
internal static class RegisterEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        MapParking(api.MapGroup("/parking-spaces").WithTags("Parking spaces"));
        MapAssets(api.MapGroup("/assets").WithTags("Assets"));
        MapVendors(api.MapGroup("/vendors").WithTags("Vendors"));
        MapVehicles(api.MapGroup("/vehicles").WithTags("Vehicles"));
    }

    internal static IQueryable<ParkingSpaceDto> ParkingList(WuyeDb db, Guid? projectId, ParkingKind? kind, string? q, bool? archived)
        {
            var query = db.Set<ParkingSpace>().AsNoTracking().Where(s => (s.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(s => s.ProjectId == p);
            if (kind is { } k) query = query.Where(s => s.Kind == k);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(s => s.Code.Contains(q.Trim()) || (s.Location != null && s.Location.Contains(q.Trim())));
            return Parking(db, query.OrderBy(s => s.Code));
        }

    private static void MapParking(RouteGroupBuilder g)
    {
        var List = ParkingList;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, ParkingKind? kind, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await List(db, projectId, kind, q, archived).ToPagedAsync(page, pageSize, ct))).WithSummary("Parking spaces the user may see");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, ParkingKind? kind, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, projectId, kind, q, archived), format, "车位", "parking-spaces",
                [Loc.T("车位编号", "Space code"), Loc.T("类型", "Kind"), Loc.T("位置", "Location"), Loc.T("车位锁", "Lock"), Loc.T("所属房屋", "Unit"), Loc.T("持有人", "Holder")],
                s => [s.Code, ImportSchema.ParkingName(s.Kind), s.Location, TableFile.YesNo(s.HasLock), s.UnitName, s.HolderName], ct))
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<ParkingSpaceDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Parking(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound())
            .WithSummary("One parking space");
        g.MapPost("/", async Task<Created<ParkingSpaceDto>> (WuyeDb db, ParkingSpaceInput body, CancellationToken ct) =>
        {
            var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            var space = new ParkingSpace { CompanyId = project.CompanyId, ProjectId = project.Id, Code = body.Code!.Trim() };
            await ApplyAsync(db, space, body, ct);
            db.Add(space);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/parking-spaces/{space.Id}", await Parking(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == space.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Register a parking space");
        g.MapPut("/{id:guid}", async Task<Results<Ok<ParkingSpaceDto>, NotFound>> (WuyeDb db, Guid id, ParkingSpaceInput body, CancellationToken ct) =>
        {
            var space = await db.Set<ParkingSpace>().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (space is null) return TypedResults.NotFound();
            Api.CheckVersion(space, body.Version);
            space.Code = body.Code!.Trim();
            await ApplyAsync(db, space, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Parking(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Edit a parking space (kind, holder unit, lock)");
        g.MapArchive<ParkingSpace>("parking_space", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, ParkingSpace space, ParkingSpaceInput body, CancellationToken ct)
    {
        if (await db.Set<ParkingSpace>().AnyAsync(s => s.ProjectId == space.ProjectId && s.Code == space.Code && s.Id != space.Id, ct))
            throw new RuleException("parking_space.duplicate_code", $"本项目已有车位 {space.Code}", $"The project already has space {space.Code}");
        space.Kind = body.Kind!.Value;
        space.Location = body.Location?.Trim();
        space.HasLock = body.HasLock ?? false;
        if (body.UnitId is { } unitId)
        {
            var unit = await db.Units().FirstOrDefaultAsync(u => u.Id == unitId && u.ProjectId == space.ProjectId, ct)
                ?? throw Api.Invalid("unitId", "房屋不属于这个项目", "The unit is not in this project");
            space.UnitId = unit.Id;
            space.ZoneId = unit.ZoneId;
            space.HolderPersonId = await db.UnitOccupants().Where(o => o.UnitId == unit.Id && o.Relation == OccupantRelation.Owner).Select(o => (Guid?)o.PersonId).FirstOrDefaultAsync(ct);
        }
        else
        {
            space.UnitId = space.HolderPersonId = space.ZoneId = null;
        }
        if (space.Kind == ParkingKind.Public && space.UnitId is not null)
            throw Api.Invalid("unitId", "公共车位不属于任何房屋", "A public space belongs to no unit");
    }

    internal static IQueryable<ParkingSpaceDto> Parking(WuyeDb db, IQueryable<ParkingSpace> q) =>
        q.Select(s => new ParkingSpaceDto(s.Id, s.ProjectId, s.Code, s.Kind, s.Location, s.HasLock, s.UnitId,
            db.Units().Where(u => u.Id == s.UnitId).Select(u => db.Buildings().Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number).FirstOrDefault(),
            db.People().Where(p => p.Id == s.HolderPersonId).Select(p => p.Name).FirstOrDefault(),
            s.ArchivedAt != null, s.Version));

    internal static IQueryable<AssetDto> AssetsList(WuyeDb db, Guid? projectId, AssetCategory? category, DateOnly? inspectionBefore, string? q, bool? archived)
        {
            var query = db.Set<Asset>().AsNoTracking().Where(a => (a.ArchivedAt != null) == (archived ?? false));
            if (projectId is { } p) query = query.Where(a => a.ProjectId == p);
            if (category is { } c) query = query.Where(a => a.Category == c);
            if (inspectionBefore is { } d) query = query.Where(a => a.NextInspection != null && a.NextInspection <= d);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(a => a.Code.Contains(q.Trim()) || a.Name.Contains(q.Trim()));
            return Assets(db, query.OrderBy(a => a.Code));
        }

    private static void MapAssets(RouteGroupBuilder g)
    {
        var List = AssetsList;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, AssetCategory? category, DateOnly? inspectionBefore, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await List(db, projectId, category, inspectionBefore, q, archived).ToPagedAsync(page, pageSize, ct)))
            .WithSummary("The equipment register; inspectionBefore lists what is due");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, AssetCategory? category, DateOnly? inspectionBefore, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, projectId, category, inspectionBefore, q, archived), format, "设施设备", "assets",
                [Loc.T("设备编号", "Asset code"), Loc.T("名称", "Name"), Loc.T("类别", "Category"), Loc.T("位置", "Location"), Loc.T("外包单位", "Vendor"),
                 Loc.T("安装日期", "Install date"), Loc.T("下次检验", "Next inspection")],
                a => [a.Code, a.Name, ImportSchema.CategoryName(a.Category), a.Location, a.VendorName, TableFile.Date(a.InstallDate), TableFile.Date(a.NextInspection)], ct))
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<AssetDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Assets(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct) is { } a ? TypedResults.Ok(a) : TypedResults.NotFound())
            .WithSummary("One asset");
        g.MapPost("/", async Task<Created<AssetDto>> (WuyeDb db, AssetInput body, CancellationToken ct) =>
        {
            var project = await Api.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
            var asset = new Asset { CompanyId = project.CompanyId, ProjectId = project.Id, Code = body.Code!.Trim(), Name = body.Name!.Trim() };
            await ApplyAsync(db, asset, body, ct);
            db.Add(asset);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/assets/{asset.Id}", await Assets(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == asset.Id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Register equipment");
        g.MapPut("/{id:guid}", async Task<Results<Ok<AssetDto>, NotFound>> (WuyeDb db, Guid id, AssetInput body, CancellationToken ct) =>
        {
            var asset = await db.Set<Asset>().FirstOrDefaultAsync(a => a.Id == id, ct);
            if (asset is null) return TypedResults.NotFound();
            Api.CheckVersion(asset, body.Version);
            asset.Code = body.Code!.Trim();
            asset.Name = body.Name!.Trim();
            await ApplyAsync(db, asset, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Assets(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == id)).FirstAsync(ct));
        }).RequireRoles(Api.Managers).WithSummary("Edit equipment");
        g.MapArchive<Asset>("asset", Api.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Asset asset, AssetInput body, CancellationToken ct)
    {
        if (await db.Set<Asset>().AnyAsync(a => a.ProjectId == asset.ProjectId && a.Code == asset.Code && a.Id != asset.Id, ct))
            throw new RuleException("asset.duplicate_code", $"本项目已有设备编号 {asset.Code}", $"The project already has asset {asset.Code}");
        if (body.BuildingId is { } b && !await db.Buildings().AnyAsync(x => x.Id == b && x.ProjectId == asset.ProjectId, ct))
            throw Api.Invalid("buildingId", "楼栋不属于这个项目", "The building is not in this project");
        if (body.VendorId is { } v && !await db.Set<Vendor>().AnyAsync(x => x.Id == v && x.CompanyId == asset.CompanyId, ct))
            throw Api.Invalid("vendorId", "外包单位不存在或不属于本公司", "The vendor is not one of this company's");
        asset.Category = body.Category!.Value;
        asset.BuildingId = body.BuildingId;
        asset.Location = body.Location?.Trim();
        asset.VendorId = body.VendorId;
        asset.InstallDate = body.InstallDate;
        asset.NextInspection = body.NextInspection;
    }

    internal static IQueryable<AssetDto> Assets(WuyeDb db, IQueryable<Asset> q) =>
        q.Select(a => new AssetDto(a.Id, a.ProjectId, a.Code, a.Name, a.Category, a.BuildingId, a.Location, a.VendorId,
            db.Set<Vendor>().Where(v => v.Id == a.VendorId).Select(v => v.Name).FirstOrDefault(), a.InstallDate, a.NextInspection, a.ArchivedAt != null, a.Version));

    internal static IQueryable<VendorDto> VendorsList(WuyeDb db, Guid? companyId, VendorService? service, string? q, bool? archived)
        {
            var query = db.Set<Vendor>().AsNoTracking().Where(v => (v.ArchivedAt != null) == (archived ?? false));
            if (companyId is { } c) query = query.Where(v => v.CompanyId == c);
            if (service is { } s) query = query.Where(v => v.Service == s);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(v => v.Name.Contains(q.Trim()));
            return Vendors(db, query.OrderBy(v => v.Name));
        }

    private static void MapVendors(RouteGroupBuilder g)
    {
        var List = VendorsList;
        g.MapGet("/", async (WuyeDb db, Guid? companyId, VendorService? service, string? q, bool? archived, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await List(db, companyId, service, q, archived).ToPagedAsync(page, pageSize, ct))).WithSummary("Outsourced vendors");
        g.MapGet("/export", (WuyeDb db, Guid? companyId, VendorService? service, string? q, bool? archived, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, companyId, service, q, archived), format, "外包单位", "vendors",
                [Loc.T("单位名称", "Name"), Loc.T("服务类型", "Service"), Loc.T("联系人", "Contact"), Loc.T("联系电话", "Phone"), Loc.T("合同到期", "Contract end"), Loc.T("维保设备数", "Assets")],
                v => [v.Name, ServiceName(v.Service), v.ContactName, v.ContactPhone, TableFile.Date(v.ContractEnd), v.Assets.ToString()], ct))
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<VendorDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await Vendors(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound())
            .WithSummary("One vendor");
        g.MapPost("/", async Task<Created<VendorDto>> (WuyeDb db, VendorInput body, CancellationToken ct) =>
        {
            var company = await Api.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
            var vendor = new Vendor { CompanyId = company.Id, Name = body.Name!.Trim() };
            await ApplyAsync(db, vendor, body, ct);
            db.Add(vendor);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/vendors/{vendor.Id}", await Vendors(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == vendor.Id)).FirstAsync(ct));
        }).RequireRoles(Roles.CompanyManager).WithSummary("Register a vendor");
        g.MapPut("/{id:guid}", async Task<Results<Ok<VendorDto>, NotFound>> (WuyeDb db, Guid id, VendorInput body, CancellationToken ct) =>
        {
            var vendor = await db.Set<Vendor>().FirstOrDefaultAsync(v => v.Id == id, ct);
            if (vendor is null) return TypedResults.NotFound();
            Api.CheckVersion(vendor, body.Version);
            vendor.Name = body.Name!.Trim();
            await ApplyAsync(db, vendor, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await Vendors(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == id)).FirstAsync(ct));
        }).RequireRoles(Roles.CompanyManager).WithSummary("Edit a vendor");
        g.MapArchive<Vendor>("vendor", Roles.CompanyManager);
    }

    private static async Task ApplyAsync(WuyeDb db, Vendor vendor, VendorInput body, CancellationToken ct)
    {
        if (await db.Set<Vendor>().AnyAsync(v => v.CompanyId == vendor.CompanyId && v.Name == vendor.Name && v.Id != vendor.Id, ct))
            throw new RuleException("vendor.duplicate_name", $"已有名为“{vendor.Name}”的外包单位", $"There is already a vendor named \"{vendor.Name}\"");
        vendor.Service = body.Service!.Value;
        vendor.ContactName = body.ContactName?.Trim();
        vendor.ContactPhone = string.IsNullOrWhiteSpace(body.ContactPhone) ? null : body.ContactPhone.Trim();
        vendor.ContractEnd = body.ContractEnd;
    }

    internal static IQueryable<VendorDto> Vendors(WuyeDb db, IQueryable<Vendor> q) =>
        q.Select(v => new VendorDto(v.Id, v.CompanyId, v.Name, v.Service, v.ContactName, v.ContactPhone, v.ContractEnd,
            db.Set<Asset>().Count(a => a.VendorId == v.Id && a.ArchivedAt == null), v.ArchivedAt != null, v.Version));

    public static string ServiceName(VendorService s) => s switch
    {
        VendorService.Cleaning => Loc.T("保洁", "Cleaning"),
        VendorService.Greening => Loc.T("绿化", "Greening"),
        VendorService.Security => Loc.T("安保", "Security"),
        VendorService.ElevatorMaintenance => Loc.T("电梯维保", "Elevator maintenance"),
        _ => Loc.T("其他", "Other"),
    };

    internal static IQueryable<VehicleDto> VehiclesList(WuyeDb db, Guid? projectId, Guid? unitId, string? q)
        {
            var query = db.Set<Vehicle>().AsNoTracking().Where(v => v.ArchivedAt == null);
            if (projectId is { } p) query = query.Where(v => v.ProjectId == p);
            if (unitId is { } u) query = query.Where(v => v.UnitId == u);
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(v => v.Plate.Contains(q.Trim().ToUpper()));
            return Vehicles(db, query.OrderBy(v => v.Plate));
        }

    internal static IQueryable<VehicleDto> Vehicles(WuyeDb db, IQueryable<Vehicle> q) =>
        q.Select(v => new VehicleDto(v.Id, v.ProjectId, v.Plate, v.Model, v.UnitId,
            db.Units().Where(x => x.Id == v.UnitId).Select(x => db.Buildings().Where(b => b.Id == x.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + x.Number).FirstOrDefault(),
            v.ParkingSpaceId, v.ArchivedAt != null, v.Version));

    private static void MapVehicles(RouteGroupBuilder g)
    {
        var List = VehiclesList;
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? unitId, string? q, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await List(db, projectId, unitId, q).ToPagedAsync(page, pageSize, ct))).WithSummary("Residents' vehicles");
        g.MapGet("/export", (WuyeDb db, Guid? projectId, Guid? unitId, string? q, string? format, CancellationToken ct) =>
            Api.ExportAsync(List(db, projectId, unitId, q), format, "车辆", "vehicles",
                [Loc.T("车牌号", "Plate"), Loc.T("车型", "Model"), Loc.T("房屋", "Unit")], v => [v.Plate, v.Model, v.UnitName], ct))
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapGet("/{id:guid}", async Task<Results<Ok<VehicleDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await VehicleById(db, id).FirstOrDefaultAsync(ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound())
            .WithSummary("One vehicle");
        g.MapPost("/", async Task<Created<VehicleDto>> (WuyeDb db, VehicleInput body, CancellationToken ct) =>
        {
            var unit = await Api.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
            var vehicle = new Vehicle { CompanyId = unit.CompanyId, ProjectId = unit.ProjectId, Plate = "" };
            await ApplyAsync(db, vehicle, unit, body, ct);
            db.Add(vehicle);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/vehicles/{vehicle.Id}", await VehicleById(db, vehicle.Id).FirstAsync(ct));
        }).RequireRoles(VehicleEditors).WithSummary("Register a resident's vehicle");
        g.MapPut("/{id:guid}", async Task<Results<Ok<VehicleDto>, NotFound>> (WuyeDb db, Guid id, VehicleInput body, CancellationToken ct) =>
        {
            var vehicle = await db.Set<Vehicle>().FirstOrDefaultAsync(v => v.Id == id, ct);
            if (vehicle is null) return TypedResults.NotFound();
            Api.CheckVersion(vehicle, body.Version);
            var unit = await Api.ParentAsync(db.Units(), body.UnitId, "unitId", "房屋", "Unit", ct);
            if (unit.ProjectId != vehicle.ProjectId) throw Api.Invalid("unitId", "房屋不属于这个项目", "The unit is not in this project");
            await ApplyAsync(db, vehicle, unit, body, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(await VehicleById(db, id).FirstAsync(ct));
        }).RequireRoles(VehicleEditors).WithSummary("Edit a vehicle: plate, model, unit, parking space");
        g.MapArchive<Vehicle>("vehicle", VehicleEditors);
    }

    internal static readonly string[] VehicleEditors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService, Roles.SecurityGuard];

    private static IQueryable<VehicleDto> VehicleById(WuyeDb db, Guid id) => Vehicles(db, db.Set<Vehicle>().AsNoTracking().Where(v => v.Id == id));

    private static async Task ApplyAsync(WuyeDb db, Vehicle vehicle, Unit unit, VehicleInput body, CancellationToken ct)
    {
        var plate = body.Plate!.Trim().ToUpperInvariant();
        if (await db.Set<Vehicle>().AnyAsync(v => v.ProjectId == unit.ProjectId && v.Plate == plate && v.Id != vehicle.Id, ct))
            throw new RuleException("vehicle.duplicate_plate", $"车牌 {plate} 已登记", $"Plate {plate} is already registered");
        if (body.ParkingSpaceId is { } s && !await db.Set<ParkingSpace>().AnyAsync(x => x.Id == s && x.ProjectId == unit.ProjectId, ct))
            throw Api.Invalid("parkingSpaceId", "车位不属于这个项目", "The parking space is not in this project");
        vehicle.Plate = plate;
        vehicle.Model = body.Model?.Trim();
        vehicle.ParkingSpaceId = body.ParkingSpaceId;
        if (vehicle.UnitId != unit.Id)
        {
            vehicle.UnitId = unit.Id;
            vehicle.ZoneId = unit.ZoneId;
            vehicle.PersonId = await db.UnitOccupants().Where(o => o.UnitId == unit.Id && o.Relation == OccupantRelation.Owner).Select(o => (Guid?)o.PersonId).FirstOrDefaultAsync(ct);
        }
    }
}
