using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Audit;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Modules.MasterData.Features.People;
using Wuye.Modules.MasterData.Features.Staff;
using AssetList = Wuye.Modules.MasterData.Features.Assets.Assets;
using BuildingList = Wuye.Modules.MasterData.Features.Buildings.Buildings;
using ParkingList = Wuye.Modules.MasterData.Features.ParkingSpaces.ParkingSpaces;
using PeopleList = Wuye.Modules.MasterData.Features.People.People;
using ProjectList = Wuye.Modules.MasterData.Features.Projects.Projects;
using StaffList = Wuye.Modules.MasterData.Features.Staff.Staff;
using TeamList = Wuye.Modules.MasterData.Features.Teams.Teams;
using VehicleList = Wuye.Modules.MasterData.Features.Vehicles.Vehicles;
using VendorList = Wuye.Modules.MasterData.Features.Vendors.Vendors;
using ZoneList = Wuye.Modules.MasterData.Features.Zones.Zones;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

internal enum FieldType { Text, Number, Date, Bool, Select }

internal sealed record Option(string Value, string Label);

/// <summary>Where a form's record sits: the choices of its selects (zones, units, vendors…) come from here.</summary>
internal sealed record FormContext(Guid? CompanyId, Guid? ProjectId);

internal sealed record Field(string Name, string Zh, string En, FieldType Type = FieldType.Text, bool Required = false)
{
    /// <summary>Set on creation only (the parent a record hangs under).</summary>
    public bool CreateOnly { get; init; }
    /// <summary>Shown masked; sent to the API only when someone types a new value.</summary>
    public bool Masked { get; init; }
    public Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>>? Options { get; init; }
    public string Label => Loc.T(Zh, En);
}

internal sealed record Column(string Name, string Zh, string En, Func<JsonElement, string?>? Format = null)
{
    /// <summary>Hidden below the md breakpoint so a list fits a phone.</summary>
    public bool Secondary { get; init; }
    public string Label => Loc.T(Zh, En);
    public string Text(JsonElement row) => Format is { } f ? f(row) ?? "" : RecordKinds.Str(row, Name);
}

internal sealed record RelatedTable(string Zh, string En, IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows)
{
    public string Label => Loc.T(Zh, En);
}

/// <summary>A form on a record's page that creates something under it (a person's link to a unit).</summary>
internal sealed record SubForm(string Zh, string En, string Path, Field[] Fields)
{
    public string Label => Loc.T(Zh, En);
}

internal sealed record RecordFilter(Guid? ProjectId, string? Q, bool Archived);

internal enum ParentLevel { Company, Project }

/// <summary>
/// One kind of master record as the pages show it: list columns, form fields, where it hangs,
/// who edits it. The pages are one list and one detail page for every kind; the forms send
/// JSON to the kind's /api/v1 resource, so validation, scope checks and rules live in one place.
/// </summary>
internal sealed class RecordKind
{
    public required string Key { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }
    public required string Resource { get; init; }
    public required string[] Editors { get; init; }
    public string[]? Creators { get; init; }
    public ParentLevel Parent { get; init; } = ParentLevel.Project;
    public bool Archivable { get; init; } = true;
    public required Column[] Columns { get; init; }
    public required Field[] Fields { get; init; }
    public required Func<WuyeDb, RecordFilter, int, CancellationToken, Task<Paged<JsonElement>>> List { get; init; }
    public required Func<WuyeDb, Guid, CancellationToken, Task<JsonElement?>> One { get; init; }
    public required Func<JsonElement, string> Title { get; init; }
    public Func<WuyeDb, JsonElement, CancellationToken, Task<RelatedTable?>>? Related { get; init; }
    public SubForm? Sub { get; init; }
    public string SearchHint { get; init; } = "名称";
    public string SearchHintEn { get; init; } = "Name";
    public string Label => Loc.T(Zh, En);
    public string ParentField => Parent == ParentLevel.Company ? "companyId" : "projectId";

    public bool MayEdit(Platform.Tenancy.DataScope scope) => scope.IsGlobal || Editors.Any(scope.Roles.Contains);
    public bool MayCreate(Platform.Tenancy.DataScope scope) => scope.IsGlobal || (Creators ?? Editors).Any(scope.Roles.Contains);
}

internal static class RecordKinds
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Str(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.GetRawText(),
        } : "";

    public static Guid? Id(JsonElement row, string name) => Guid.TryParse(Str(row, name), out var g) ? g : null;

    public static string EnumValue<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static Func<JsonElement, string?> EnumText<T>(string name, Func<T, string> text) where T : struct, Enum =>
        row => Enum.TryParse<T>(Str(row, name), true, out var v) ? text(v) : "";

    private static Func<JsonElement, string?> YesNo(string name) => row => Str(row, name) == "true" ? Loc.T("是", "Yes") : Loc.T("否", "No");

    private static Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> EnumOptions<T>(Func<T, string> text) where T : struct, Enum =>
        (_, _, _) => Task.FromResult(Enum.GetValues<T>().Select(v => new Option(EnumValue(v), text(v))).ToList());

    private static Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> Choices(Func<WuyeDb, FormContext, IQueryable<Option>> query) =>
        async (db, ctx, ct) => await query(db, ctx).Take(2000).ToListAsync(ct);

    public static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ProjectOptions =
        Choices((db, _) => db.Projects().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).Select(p => new Option(p.Id.ToString(), p.Name)));
    public static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> CompanyOptions =
        Choices((db, _) => db.Companies().Where(c => c.ArchivedAt == null).OrderBy(c => c.Name).Select(c => new Option(c.Id.ToString(), c.Name)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ZoneOptions =
        Choices((db, x) => db.Zones().Where(z => z.ProjectId == x.ProjectId && z.ArchivedAt == null).OrderBy(z => z.Name).Select(z => new Option(z.Id.ToString(), z.Name)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> BuildingOptions =
        Choices((db, x) => db.Buildings().Where(b => b.ProjectId == x.ProjectId && b.ArchivedAt == null).OrderBy(b => b.Name).Select(b => new Option(b.Id.ToString(), b.Name)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> UnitOptions =
        Choices((db, x) => db.Units().Where(u => u.ProjectId == x.ProjectId && u.ArchivedAt == null)
            .Join(db.Buildings(), u => u.BuildingId, b => b.Id, (u, b) => new { u.Id, u.Number, b.Name })
            .OrderBy(u => u.Name).ThenBy(u => u.Number).Select(u => new Option(u.Id.ToString(), u.Name + " " + u.Number)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> VendorOptions =
        Choices((db, x) => db.Set<Vendor>().Where(v => v.CompanyId == x.CompanyId && v.ArchivedAt == null).OrderBy(v => v.Name).Select(v => new Option(v.Id.ToString(), v.Name)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> TeamOptions =
        Choices((db, x) => db.Set<Team>().Where(t => t.CompanyId == x.CompanyId && (t.ProjectId == x.ProjectId) && t.ArchivedAt == null).OrderBy(t => t.Name).Select(t => new Option(t.Id.ToString(), t.Name)));
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ParkingOptions =
        Choices((db, x) => db.Set<ParkingSpace>().Where(s => s.ProjectId == x.ProjectId && s.ArchivedAt == null).OrderBy(s => s.Code).Select(s => new Option(s.Id.ToString(), s.Code)));
    // Staff accounts of the company; the steward role itself is granted on the role-assignment page.
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> StaffUserOptions =
        Choices((db, x) => db.Users.Where(u => u.CompanyId == x.CompanyId).OrderBy(u => u.DisplayName).Select(u => new Option(u.Id.ToString(), u.DisplayName)));

    private static JsonElement ToJson<T>(T value) => JsonSerializer.SerializeToElement(value, Json);

    private static Func<WuyeDb, RecordFilter, int, CancellationToken, Task<Paged<JsonElement>>> Lister<T>(
        Func<WuyeDb, RecordFilter, IQueryable<T>> query, Func<WuyeDb, IReadOnlyList<T>, CancellationToken, Task<IEnumerable<T>>>? after = null) =>
        async (db, f, page, ct) =>
        {
            var p = await query(db, f).ToPagedAsync(page, Paging.DefaultPageSize, ct);
            var items = after is null ? p.Items : await after(db, p.Items, ct);
            return new Paged<JsonElement>([.. items.Select(ToJson)], p.Page, p.PageSize, p.Total);
        };

    private static Func<WuyeDb, Guid, CancellationToken, Task<JsonElement?>> Finder<T>(
        Func<WuyeDb, Guid, IQueryable<T>> query, Func<WuyeDb, IReadOnlyList<T>, CancellationToken, Task<IEnumerable<T>>>? after = null) where T : class =>
        async (db, id, ct) =>
        {
            if (await query(db, id).FirstOrDefaultAsync(ct) is not { } found) return null;
            var item = after is null ? found : (await after(db, [found], ct)).First();
            return ToJson(item);
        };

    private static async Task<IEnumerable<PersonDto>> PeopleShown(WuyeDb db, IReadOnlyList<PersonDto> people, CancellationToken ct) =>
        (await PeopleList.WithHomesAsync(db, people, ct)).Select(PeopleList.Masked);

    private static Task<IEnumerable<StaffDto>> StaffShown(WuyeDb _, IReadOnlyList<StaffDto> staff, CancellationToken __) =>
        Task.FromResult(staff.Select(s => s with { Phone = Mask.Phone(s.Phone) }));

    private static readonly Field Name = new("name", "名称", "Name", Required: true);


    public static readonly IReadOnlyList<RecordKind> All =
    [
        new()
        {
            Key = "projects", Zh = "项目", En = "Projects", Resource = "projects", Parent = ParentLevel.Company,
            Editors = [Roles.CompanyManager, Roles.ProjectManager], Creators = [Roles.CompanyManager],
            Columns = [new("name", "项目", "Project"), new("kind", "类型", "Kind", EnumText<ProjectKind>("kind", ProjectKindName)), new("address", "地址", "Address") { Secondary = true },
                       new("zones", "片区", "Zones") { Secondary = true }, new("units", "房屋", "Units")],
            Fields = [Name with { Zh = "项目名称", En = "Project name" },
                      new("kind", "项目类型", "Kind", FieldType.Select, true) { Options = EnumOptions<ProjectKind>(ProjectKindName) }, new("address", "地址", "Address")],
            List = Lister((db, f) => ProjectList.Dto(db, ProjectList.Filter(db, f.Q, null, null, f.Archived))),
            One = Finder((db, id) => ProjectList.Dto(db, db.Projects().AsNoTracking().Where(p => p.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) => new RelatedTable("片区", "Zones", [Loc.T("片区", "Zone"), Loc.T("管家", "Steward"), Loc.T("楼栋", "Buildings"), Loc.T("房屋", "Units")],
                [.. (await ZoneList.Dto(db, ZoneList.Filter(db, Id(r, "id"), null, false)).ToListAsync(ct))
                    .Select(z => new[] { z.Name, z.StewardName ?? Loc.T("未指定", "Not assigned"), z.Buildings.ToString(), z.Units.ToString("N0") })]),
        },
        new()
        {
            Key = "zones", Zh = "片区", En = "Zones", Resource = "zones", Editors = Registers.Managers,
            Columns = [new("name", "片区", "Zone"), new("stewardName", "管家", "Steward"), new("buildings", "楼栋", "Buildings") { Secondary = true }, new("units", "房屋", "Units")],
            Fields = [Name with { Zh = "片区名称", En = "Zone name" }, new("stewardUserId", "片区管家", "Steward", FieldType.Select) { Options = StaffUserOptions }],
            List = Lister((db, f) => ZoneList.Dto(db, ZoneList.Filter(db, f.ProjectId, f.Q, f.Archived))),
            One = Finder((db, id) => ZoneList.Dto(db, db.Zones().AsNoTracking().Where(z => z.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) => new RelatedTable("楼栋", "Buildings", [Loc.T("楼栋", "Building"), Loc.T("楼层数", "Floors"), Loc.T("房屋", "Units")],
                [.. (await BuildingList.Dto(db, BuildingList.Filter(db, null, Id(r, "id"), null, false)).ToListAsync(ct))
                    .Select(b => new[] { b.Name, b.Floors?.ToString(), b.Units.ToString() })]),
        },
        new()
        {
            Key = "buildings", Zh = "楼栋", En = "Buildings", Resource = "buildings", Editors = Registers.Managers,
            Columns = [new("name", "楼栋", "Building"), new("floors", "楼层数", "Floors"), new("units", "房屋", "Units")],
            Fields = [Name with { Zh = "楼栋名称", En = "Building name" }, new("zoneId", "片区", "Zone", FieldType.Select) { Options = ZoneOptions },
                      new("floors", "楼层数", "Floors", FieldType.Number)],
            List = Lister((db, f) => BuildingList.Dto(db, BuildingList.Filter(db, f.ProjectId, null, f.Q, f.Archived))),
            One = Finder((db, id) => BuildingList.Dto(db, db.Buildings().AsNoTracking().Where(b => b.Id == id))),
            Title = r => Str(r, "name"),
        },
        new()
        {
            Key = "people", Zh = "住户", En = "Residents", Resource = "people", Editors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService],
            SearchHint = "姓名或手机尾号", SearchHintEn = "Name or last 4 phone digits",
            Columns = [new("name", "姓名", "Name"), new("homes", "房屋", "Home"), new("phone", "手机", "Phone") { Secondary = true }],
            Fields = [new("name", "姓名", "Name", Required: true), new("phone", "手机", "Phone") { Masked = true },
                      new("idNumber", "身份证号", "ID number") { Masked = true }, new("birthday", "生日", "Birthday", FieldType.Date)],
            List = Lister((db, f) => PeopleList.Dto(db, PeopleList.Filter(db, f.ProjectId, null, null, f.Q, f.Archived)), PeopleShown),
            One = Finder((db, id) => PeopleList.Dto(db, db.People().AsNoTracking().Where(p => p.Id == id)), PeopleShown),
            Title = r => Str(r, "name"),
            Sub = new("关联房屋", "Link to a unit", "units",
            [
                new("unitId", "房屋", "Unit", FieldType.Select, true) { Options = UnitOptions },
                new("relation", "身份", "Relation", FieldType.Select, true) { Options = EnumOptions<OccupantRelation>(Names.Relation) },
                new("kinship", "与业主关系（家庭成员）", "Kinship (family)"),
                new("since", "入住 / 租期开始", "Since / lease start", FieldType.Date),
                new("until", "迁出 / 租期结束", "Until / lease end", FieldType.Date),
            ]),
        },
        new()
        {
            Key = "vehicles", Zh = "车辆", En = "Vehicles", Resource = "vehicles", Editors = VehicleList.Editors, Archivable = true,
            SearchHint = "车牌号", SearchHintEn = "Plate",
            Columns = [new("plate", "车牌号", "Plate"), new("model", "车型", "Model") { Secondary = true }, new("unitName", "房屋", "Unit")],
            Fields = [new("unitId", "房屋", "Unit", FieldType.Select, true) { Options = UnitOptions }, new("plate", "车牌号", "Plate", Required: true),
                      new("model", "车型", "Model"), new("parkingSpaceId", "车位", "Parking space", FieldType.Select) { Options = ParkingOptions }],
            List = Lister((db, f) => VehicleList.List(db, f.ProjectId, null, f.Q)),
            One = Finder((db, id) => VehicleList.Dto(db, db.Set<Vehicle>().AsNoTracking().Where(v => v.Id == id))),
            Title = r => Str(r, "plate"),
        },
        new()
        {
            Key = "parking", Zh = "车位", En = "Parking spaces", Resource = "parking-spaces", Editors = Registers.Managers,
            SearchHint = "车位编号或位置", SearchHintEn = "Code or location",
            Columns = [new("code", "车位编号", "Code"), new("kind", "类型", "Kind", EnumText<ParkingKind>("kind", Names.Parking)),
                       new("hasLock", "车位锁", "Lock", YesNo("hasLock")) { Secondary = true }, new("unitName", "所属房屋", "Unit") { Secondary = true }, new("holderName", "持有人", "Holder")],
            Fields = [new("code", "车位编号", "Code", Required: true),
                      new("kind", "类型", "Kind", FieldType.Select, true) { Options = EnumOptions<ParkingKind>(Names.Parking) },
                      new("location", "位置", "Location"), new("hasLock", "车位锁", "Lock", FieldType.Bool),
                      new("unitId", "所属房屋（持有人为该房业主）", "Unit (its owner holds the space)", FieldType.Select) { Options = UnitOptions }],
            List = Lister((db, f) => ParkingList.List(db, f.ProjectId, null, f.Q, f.Archived)),
            One = Finder((db, id) => ParkingList.Dto(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == id))),
            Title = r => Str(r, "code"),
        },
        new()
        {
            Key = "assets", Zh = "设施设备", En = "Assets", Resource = "assets", Editors = Registers.Managers,
            SearchHint = "设备编号或名称", SearchHintEn = "Code or name",
            Columns = [new("code", "设备编号", "Code"), new("name", "名称", "Name"), new("category", "类别", "Category", EnumText<AssetCategory>("category", Names.Category)) { Secondary = true },
                       new("vendorName", "外包单位", "Vendor") { Secondary = true }, new("nextInspection", "下次检验", "Next inspection")],
            Fields = [new("code", "设备编号", "Code", Required: true), new("name", "名称", "Name", Required: true),
                      new("category", "类别", "Category", FieldType.Select, true) { Options = EnumOptions<AssetCategory>(Names.Category) },
                      new("buildingId", "楼栋", "Building", FieldType.Select) { Options = BuildingOptions }, new("location", "位置", "Location"),
                      new("vendorId", "维保单位", "Vendor", FieldType.Select) { Options = VendorOptions },
                      new("installDate", "安装日期", "Install date", FieldType.Date), new("nextInspection", "下次检验", "Next inspection", FieldType.Date)],
            List = Lister((db, f) => AssetList.List(db, f.ProjectId, null, null, f.Q, f.Archived)),
            One = Finder((db, id) => AssetList.Dto(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == id))),
            Title = r => $"{Str(r, "code")} {Str(r, "name")}",
        },
        new()
        {
            Key = "vendors", Zh = "外包单位", En = "Vendors", Resource = "vendors", Parent = ParentLevel.Company, Editors = [Roles.CompanyManager],
            Columns = [new("name", "单位名称", "Name"), new("service", "服务类型", "Service", EnumText<VendorService>("service", Names.Service)),
                       new("contactName", "联系人", "Contact") { Secondary = true }, new("contractEnd", "合同到期", "Contract end") { Secondary = true }, new("assets", "维保设备", "Assets")],
            Fields = [new("name", "单位名称", "Name", Required: true),
                      new("service", "服务类型", "Service", FieldType.Select, true) { Options = EnumOptions<VendorService>(Names.Service) },
                      new("contactName", "联系人", "Contact"), new("contactPhone", "联系电话", "Phone"), new("contractEnd", "合同到期", "Contract end", FieldType.Date)],
            List = Lister((db, f) => VendorList.List(db, null, null, f.Q, f.Archived)),
            One = Finder((db, id) => VendorList.Dto(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) => new RelatedTable("维保设备", "Assets maintained", [Loc.T("设备编号", "Code"), Loc.T("名称", "Name"), Loc.T("下次检验", "Next inspection")],
                [.. (await db.Set<Asset>().AsNoTracking().Where(a => a.VendorId == Id(r, "id") && a.ArchivedAt == null).OrderBy(a => a.Code).Take(200)
                    .Select(a => new { a.Code, a.Name, a.NextInspection }).ToListAsync(ct)).Select(a => new[] { a.Code, a.Name, TableFile.Date(a.NextInspection) })]),
        },
        new()
        {
            Key = "teams", Zh = "班组", En = "Teams", Resource = "teams", Editors = Registers.Managers,
            Columns = [new("name", "班组", "Team"), new("kind", "类型", "Kind", EnumText<TeamKind>("kind", Names.Team)),
                       new("vendorName", "外包单位", "Vendor") { Secondary = true }, new("members", "人数", "Members")],
            Fields = [new("name", "班组名称", "Team name", Required: true),
                      new("kind", "类型", "Kind", FieldType.Select, true) { Options = EnumOptions<TeamKind>(Names.Team) },
                      new("vendorId", "外包单位（自有留空）", "Vendor (empty for own staff)", FieldType.Select) { Options = VendorOptions }],
            List = Lister((db, f) => TeamList.List(db, f.ProjectId, null, f.Q, f.Archived)),
            One = Finder((db, id) => TeamList.Dto(db, db.Set<Team>().AsNoTracking().Where(t => t.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) => new RelatedTable("成员", "Members", [Loc.T("姓名", "Name"), Loc.T("岗位", "Position"), Loc.T("组长", "Leader")],
                [.. (await StaffList.List(db, null, Id(r, "id"), null, false).ToListAsync(ct))
                    .Select(s => new[] { s.Name, s.Position, s.IsLeader ? Loc.T("是", "Yes") : "" })]),
        },
        new()
        {
            Key = "staff", Zh = "员工", En = "Staff", Resource = "staff", Editors = Registers.Managers,
            SearchHint = "姓名或岗位", SearchHintEn = "Name or position",
            Columns = [new("name", "姓名", "Name"), new("teamName", "班组", "Team"), new("position", "岗位", "Position") { Secondary = true },
                       new("phone", "手机", "Phone") { Secondary = true }],
            Fields = [new("name", "姓名", "Name", Required: true), new("teamId", "班组", "Team", FieldType.Select) { Options = TeamOptions },
                      new("phone", "手机", "Phone") { Masked = true }, new("position", "岗位", "Position"), new("isLeader", "组长", "Team leader", FieldType.Bool)],
            List = Lister((db, f) => StaffList.List(db, f.ProjectId, null, f.Q, f.Archived), StaffShown),
            One = Finder((db, id) => StaffList.Dto(db, db.Set<StaffMember>().AsNoTracking().Where(s => s.Id == id)), StaffShown),
            Title = r => Str(r, "name"),
        },
    ];

    public static RecordKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    private static string ProjectKindName(ProjectKind k) => k == ProjectKind.Office ? Loc.T("写字楼", "Office") : Loc.T("住宅小区", "Residential");
}
