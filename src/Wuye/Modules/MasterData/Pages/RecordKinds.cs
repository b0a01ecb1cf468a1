using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Modules.MasterData.Features.People;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Modules.MasterData.Features.Staff;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
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

namespace Wuye.Modules.MasterData.Pages;

internal static partial class RecordKinds
{
    public static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ProjectOptions = Choices(
        (db, _) => db.Projects().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).Select(p => new Option(p.Id.ToString(), p.Name))
    );
    public static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> CompanyOptions = Choices(
        (db, _) => db.Companies().Where(c => c.ArchivedAt == null).OrderBy(c => c.Name).Select(c => new Option(c.Id.ToString(), c.Name))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ZoneOptions = Choices(
        (db, x) =>
            db.Zones()
                .Where(z => z.ProjectId == x.ProjectId && z.ArchivedAt == null)
                .OrderBy(z => z.Name)
                .Select(z => new Option(z.Id.ToString(), z.Name))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> BuildingOptions = Choices(
        (db, x) =>
            db.Buildings()
                .Where(b => b.ProjectId == x.ProjectId && b.ArchivedAt == null)
                .OrderBy(b => b.Name)
                .Select(b => new Option(b.Id.ToString(), b.Name))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> UnitOptions = Choices(
        (db, x) =>
            db.Units()
                .Where(u => u.ProjectId == x.ProjectId && u.ArchivedAt == null)
                .Join(
                    db.Buildings(),
                    u => u.BuildingId,
                    b => b.Id,
                    (u, b) =>
                        new
                        {
                            u.Id,
                            u.Number,
                            b.Name,
                        }
                )
                .OrderBy(u => u.Name)
                .ThenBy(u => u.Number)
                .Select(u => new Option(u.Id.ToString(), u.Name + " " + u.Number))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> VendorOptions = Choices(
        (db, x) =>
            db.Set<Vendor>()
                .Where(v => v.CompanyId == x.CompanyId && v.ArchivedAt == null)
                .OrderBy(v => v.Name)
                .Select(v => new Option(v.Id.ToString(), v.Name))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> TeamOptions = Choices(
        (db, x) =>
            db.Set<Team>()
                .Where(t => t.CompanyId == x.CompanyId && (t.ProjectId == x.ProjectId) && t.ArchivedAt == null)
                .OrderBy(t => t.Name)
                .Select(t => new Option(t.Id.ToString(), t.Name))
    );
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> ParkingOptions = Choices(
        (db, x) =>
            db.Set<ParkingSpace>()
                .Where(s => s.ProjectId == x.ProjectId && s.ArchivedAt == null)
                .OrderBy(s => s.Code)
                .Select(s => new Option(s.Id.ToString(), s.Code))
    );

    // Staff accounts of the company; the steward role itself is granted on the role-assignment page.
    private static readonly Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> StaffUserOptions = Choices(
        (db, x) =>
            db
                .Users.Where(u => u.CompanyId == x.CompanyId)
                .OrderBy(u => u.DisplayName)
                .Select(u => new Option(u.Id.ToString(), u.DisplayName))
    );

    private static readonly Field Name = new("name", "名称", "Name", Required: true);

    public static readonly IReadOnlyList<RecordKind> All =
    [
        new()
        {
            Key = "projects",
            Zh = "项目",
            En = "Projects",
            Resource = "projects",
            Parent = ParentLevel.Company,
            Editors = [Roles.CompanyManager, Roles.ProjectManager],
            Creators = [Roles.CompanyManager],
            Columns =
            [
                new("name", "项目", "Project"),
                new("kind", "类型", "Kind", EnumText<ProjectKind>("kind", ProjectKindName)),
                new("address", "地址", "Address") { Secondary = true },
                new("zones", "片区", "Zones") { Secondary = true },
                new("units", "房屋", "Units"),
            ],
            Fields =
            [
                Name with
                {
                    Zh = "项目名称",
                    En = "Project name",
                },
                new("kind", "项目类型", "Kind", FieldType.Select, true) { Options = EnumOptions<ProjectKind>(ProjectKindName) },
                new("address", "地址", "Address"),
            ],
            List = Lister((db, f) => ProjectList.Dto(db, ProjectList.Filter(db, f.Q, null, null, f.Archived))),
            One = Finder((db, id) => ProjectList.Dto(db, db.Projects().AsNoTracking().Where(p => p.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) =>
                new RelatedTable(
                    "片区",
                    "Zones",
                    [Loc.T("片区", "Zone"), Loc.T("管家", "Steward"), Loc.T("楼栋", "Buildings"), Loc.T("房屋", "Units")],
                    [
                        .. (await ZoneList.Dto(db, ZoneList.Filter(db, Id(r, "id"), null, false)).ToListAsync(ct)).Select(z =>
                            new[]
                            {
                                z.Name,
                                z.StewardName ?? Loc.T("未指定", "Not assigned"),
                                z.Buildings.ToString(),
                                z.Units.ToString("N0"),
                            }
                        ),
                    ]
                ),
        },
        new()
        {
            Key = "zones",
            Zh = "片区",
            En = "Zones",
            Resource = "zones",
            Editors = Registers.Managers,
            Columns =
            [
                new("name", "片区", "Zone"),
                new("stewardName", "管家", "Steward"),
                new("buildings", "楼栋", "Buildings") { Secondary = true },
                new("units", "房屋", "Units"),
            ],
            Fields =
            [
                Name with
                {
                    Zh = "片区名称",
                    En = "Zone name",
                },
                new("stewardUserId", "片区管家", "Steward", FieldType.Select) { Options = StaffUserOptions },
            ],
            List = Lister((db, f) => ZoneList.Dto(db, ZoneList.Filter(db, f.ProjectId, f.Q, f.Archived))),
            One = Finder((db, id) => ZoneList.Dto(db, db.Zones().AsNoTracking().Where(z => z.Id == id))),
            Title = r => Str(r, "name"),
            Related = async (db, r, ct) =>
                new RelatedTable(
                    "楼栋",
                    "Buildings",
                    [Loc.T("楼栋", "Building"), Loc.T("楼层数", "Floors"), Loc.T("房屋", "Units")],
                    [
                        .. (await BuildingList.Dto(db, BuildingList.Filter(db, null, Id(r, "id"), null, false)).ToListAsync(ct)).Select(b =>
                            new[] { b.Name, b.Floors?.ToString(), b.Units.ToString() }
                        ),
                    ]
                ),
        },
        new()
        {
            Key = "buildings",
            Zh = "楼栋",
            En = "Buildings",
            Resource = "buildings",
            Editors = Registers.Managers,
            Columns = [new("name", "楼栋", "Building"), new("floors", "楼层数", "Floors"), new("units", "房屋", "Units")],
            Fields =
            [
                Name with
                {
                    Zh = "楼栋名称",
                    En = "Building name",
                },
                new("zoneId", "片区", "Zone", FieldType.Select) { Options = ZoneOptions },
                new("floors", "楼层数", "Floors", FieldType.Number),
            ],
            List = Lister((db, f) => BuildingList.Dto(db, BuildingList.Filter(db, f.ProjectId, null, f.Q, f.Archived))),
            One = Finder((db, id) => BuildingList.Dto(db, db.Buildings().AsNoTracking().Where(b => b.Id == id))),
            Title = r => Str(r, "name"),
        },
        new()
        {
            Key = "people",
            Zh = "住户",
            En = "Residents",
            Resource = "people",
            Editors = [Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService],
            SearchHint = "姓名或手机尾号",
            SearchHintEn = "Name or last 4 phone digits",
            Columns = [new("name", "姓名", "Name"), new("homes", "房屋", "Home"), new("phone", "手机", "Phone") { Secondary = true }],
            Fields =
            [
                new("name", "姓名", "Name", Required: true),
                new("phone", "手机", "Phone") { Masked = true },
                new("idNumber", "身份证号", "ID number") { Masked = true },
                new("birthday", "生日", "Birthday", FieldType.Date),
            ],
            List = Lister((db, f) => PeopleList.Dto(db, PeopleList.Filter(db, f.ProjectId, null, null, f.Q, f.Archived)), PeopleShown),
            One = Finder((db, id) => PeopleList.Dto(db, db.People().AsNoTracking().Where(p => p.Id == id)), PeopleShown),
            Title = r => Str(r, "name"),
            Sub = new(
                "关联房屋",
                "Link to a unit",
                "units",
                [
                    new("unitId", "房屋", "Unit", FieldType.Select, true) { Options = UnitOptions },
                    new("relation", "身份", "Relation", FieldType.Select, true) { Options = EnumOptions<OccupantRelation>(Names.Relation) },
                    new("kinship", "与业主关系（家庭成员）", "Kinship (family)"),
                    new("since", "入住 / 租期开始", "Since / lease start", FieldType.Date),
                    new("until", "迁出 / 租期结束", "Until / lease end", FieldType.Date),
                ]
            ),
        },
        new()
        {
            Key = "vehicles",
            Zh = "车辆",
            En = "Vehicles",
            Resource = "vehicles",
            Editors = VehicleList.Editors,
            Archivable = true,
            SearchHint = "车牌号",
            SearchHintEn = "Plate",
            Columns =
            [
                new("plate", "车牌号", "Plate"),
                new("model", "车型", "Model") { Secondary = true },
                new("unitName", "房屋", "Unit"),
            ],
            Fields =
            [
                new("unitId", "房屋", "Unit", FieldType.Select, true) { Options = UnitOptions },
                new("plate", "车牌号", "Plate", Required: true),
                new("model", "车型", "Model"),
                new("parkingSpaceId", "车位", "Parking space", FieldType.Select) { Options = ParkingOptions },
            ],
            List = Lister((db, f) => VehicleList.List(db, f.ProjectId, null, f.Q)),
            One = Finder((db, id) => VehicleList.Dto(db, db.Set<Vehicle>().AsNoTracking().Where(v => v.Id == id))),
            Title = r => Str(r, "plate"),
        },
        new()
        {
            Key = "parking",
            Zh = "车位",
            En = "Parking spaces",
            Resource = "parking-spaces",
            Editors = Registers.Managers,
            SearchHint = "车位编号或位置",
            SearchHintEn = "Code or location",
            Columns =
            [
                new("code", "车位编号", "Code"),
                new("kind", "类型", "Kind", EnumText<ParkingKind>("kind", Names.Parking)),
                new("hasLock", "车位锁", "Lock", YesNo("hasLock")) { Secondary = true },
                new("unitName", "所属房屋", "Unit") { Secondary = true },
                new("holderName", "持有人", "Holder"),
            ],
            Fields =
            [
                new("code", "车位编号", "Code", Required: true),
                new("kind", "类型", "Kind", FieldType.Select, true) { Options = EnumOptions<ParkingKind>(Names.Parking) },
                new("location", "位置", "Location"),
                new("hasLock", "车位锁", "Lock", FieldType.Bool),
                new("unitId", "所属房屋（持有人为该房业主）", "Unit (its owner holds the space)", FieldType.Select)
                {
                    Options = UnitOptions,
                },
            ],
            List = Lister((db, f) => ParkingList.List(db, f.ProjectId, null, f.Q, f.Archived)),
            One = Finder((db, id) => ParkingList.Dto(db, db.Set<ParkingSpace>().AsNoTracking().Where(s => s.Id == id))),
            Title = r => Str(r, "code"),
        },
        .. OrganisationKinds(),
    ];
}
