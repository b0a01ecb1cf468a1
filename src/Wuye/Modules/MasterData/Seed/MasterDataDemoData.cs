using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.MasterData.Seed;

/// <summary>
/// Deterministic, realistic Chinese demo data: the same seed gives the same companies,
/// projects, units and people every time. Demo accounts for every role sign in with
/// <see cref="DemoPassword"/>. Later modules add their own history on top of this tree.
/// </summary>
internal sealed partial class MasterDataDemoData(UserManager<AppUser> users, ILogger<MasterDataDemoData> log) : IDemoDataContributor
{
    private WuyeDb db = null!;
    private readonly ILogger<MasterDataDemoData> _log = log;

    public int Order => 0;

    private static IReadOnlyList<(string User, string Name, string Role)> Accounts => DemoAccounts.All;
    private const string DemoPassword = DemoAccounts.Password;

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "建", "国", "文", "辉", "鑫", "宇", "浩", "婷", "雪", "琳", "晨", "欣", "博", "佳"];

    private sealed record ProjectSpec(string Name, ProjectKind Kind, string Address, int Buildings, int Floors, int UnitsPerFloor);

    private static readonly ProjectSpec[][] SmallProjects =
    [
        [
            new("锦绣花园", ProjectKind.Residential, "开化县芹阳办事处锦绣路 88 号", 6, 11, 8),
            new("阳光水岸", ProjectKind.Residential, "开化县华埠镇滨江路 16 号", 5, 18, 6),
            new("国贸中心", ProjectKind.Office, "开化县芹阳办事处人民路 1 号", 2, 24, 6),
        ],
        [
            new("翠湖天地", ProjectKind.Residential, "开化县池淮镇翠湖路 9 号", 6, 12, 6),
            new("金桂苑", ProjectKind.Residential, "开化县村头镇金桂街 21 号", 4, 9, 8),
            new("科创大厦", ProjectKind.Office, "开化县芹阳办事处创业大道 5 号", 1, 20, 10),
        ],
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        db = context.Db;
        var (size, seed) = (context.Size, context.Seed);
        // The tree draws from the run's own seed (not the contributor's random), as it always has.
        var rng = new Random(seed);
        if (size == "large")
        {
            await SeedLargeTreeAsync(rng, ct);
            return;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var regulator = new Regulator { Name = "开化县住房和城乡建设局", RegionCode = "330824" };
        db.Regulators().Add(regulator);
        var companies = new[]
        {
            new Company { Name = "锦华物业服务有限公司", RegulatorId = regulator.Id, CreditCode = "91330824MA2B1X7Q3K", ContactPhone = "0570-6012345" },
            new Company { Name = "恒安物业管理有限公司", RegulatorId = regulator.Id, CreditCode = "91330824MA2C4Y9R5L", ContactPhone = "0570-6023456" },
        };
        db.Companies().AddRange(companies);

        var firstProject = default(Project);
        var firstZone = default(Zone);
        var firstUnit = default(Unit);
        for (var ci = 0; ci < companies.Length; ci++)
        {
            foreach (var spec in SmallProjects[ci])
            {
                var project = new Project { CompanyId = companies[ci].Id, Name = spec.Name, Kind = spec.Kind, Address = spec.Address };
                db.Projects().Add(project);
                var zoneCount = spec.Kind == ProjectKind.Office ? 1 : Math.Max(2, spec.Buildings / 2);
                var zones = Enumerable.Range(1, zoneCount).Select(i => new Zone
                {
                    CompanyId = project.CompanyId, ProjectId = project.Id,
                    Name = spec.Kind == ProjectKind.Office ? "写字楼片区" : $"{"东西南北中"[(i - 1) % 5]}区",
                }).ToList();
                db.Zones().AddRange(zones);
                firstProject ??= project;
                firstZone ??= zones[0];
                var handover = new DateOnly(2016 + rng.Next(0, 8), rng.Next(1, 13), rng.Next(1, 28));
                var projectBuildings = new List<Building>();
                for (var b = 1; b <= spec.Buildings; b++)
                {
                    var zone = zones[(b - 1) % zones.Count];
                    var building = new Building
                    {
                        CompanyId = project.CompanyId, ProjectId = project.Id, ZoneId = zone.Id,
                        Name = spec.Kind == ProjectKind.Office ? $"{(char)('A' + b - 1)}座" : $"{b}幢", Floors = spec.Floors,
                    };
                    db.Buildings().Add(building);
                    projectBuildings.Add(building);
                    for (var f = 1; f <= spec.Floors; f++)
                    for (var n = 1; n <= spec.UnitsPerFloor; n++)
                    {
                        var unit = new Unit
                        {
                            CompanyId = project.CompanyId, ProjectId = project.Id, ZoneId = zone.Id, BuildingId = building.Id,
                            Number = $"{f}{n:D2}", Floor = f,
                            Area = spec.Kind == ProjectKind.Office ? 120 + rng.Next(0, 300) : 68 + rng.Next(0, 12) * 10 + rng.Next(0, 10),
                            UnitType = spec.Kind == ProjectKind.Office ? "办公" : rng.Next(0, 10) < 7 ? "三室两厅" : rng.Next(0, 2) == 0 ? "两室一厅" : "四室两厅",
                            HandoverDate = handover,
                            WarrantyEnd = handover.AddYears(2),
                        };
                        db.Units().Add(unit);
                        firstUnit ??= unit;
                        if (rng.Next(0, 100) < 88) AddOccupants(rng, unit);
                    }
                }
            }
        }
        AddRegisters(new Random(seed * 31 + 7), companies);
        await db.SaveChangesAsync(ct);
        await CreateAccountsAsync(regulator, companies, firstProject!, firstZone!, firstUnit!, ct);
    }

    private static readonly (string Name, VendorService Service)[] VendorNames =
    [
        ("洁美保洁服务有限公司", VendorService.Cleaning), ("绿源园林绿化工程有限公司", VendorService.Greening),
        ("安盾保安服务有限公司", VendorService.Security), ("通达电梯维保有限公司", VendorService.ElevatorMaintenance),
    ];

    /// <summary>
    /// Vendors, the equipment register, parking spaces and vehicles. A random of its own keeps
    /// the units and people above identical to what they were before registers existed.
    /// </summary>
    private void AddRegisters(Random rng, Company[] companies)
    {
        var units = db.ChangeTracker.Entries<Unit>().Select(e => e.Entity).ToList();
        var owners = db.ChangeTracker.Entries<UnitOccupant>().Select(e => e.Entity).Where(o => o.Relation == OccupantRelation.Owner)
            .GroupBy(o => o.UnitId).ToDictionary(g => g.Key, g => g.First().PersonId);
        var buildings = db.ChangeTracker.Entries<Building>().Select(e => e.Entity).ToList();
        foreach (var company in companies)
        {
            var vendors = VendorNames.Select(v => new Vendor
            {
                CompanyId = company.Id, Name = v.Name, Service = v.Service, ContactName = NewPerson(rng, company.Id, Guid.Empty).Name,
                ContactPhone = "0570-60" + rng.Next(10000, 99999), ContractEnd = new DateOnly(2026, 12, 31),
            }).ToList();
            db.AddRange(vendors);
            foreach (var project in db.ChangeTracker.Entries<Project>().Select(e => e.Entity).Where(p => p.CompanyId == company.Id).ToList())
            {
                var n = 0;
                foreach (var b in buildings.Where(b => b.ProjectId == project.Id))
                {
                    var install = new DateOnly(2016 + rng.Next(0, 8), rng.Next(1, 13), rng.Next(1, 28));
                    for (var e = 1; e <= 2; e++)
                        db.Add(new Asset
                        {
                            CompanyId = company.Id, ProjectId = project.Id, BuildingId = b.Id, Code = $"DT-{b.Name}-{e:D2}", Name = $"{b.Name}{e}号电梯",
                            Category = AssetCategory.Elevator, Location = $"{b.Name}大堂", VendorId = vendors[3].Id, InstallDate = install,
                            NextInspection = new DateOnly(2026, rng.Next(1, 13), rng.Next(1, 28)),
                        });
                    db.Add(new Asset
                    {
                        CompanyId = company.Id, ProjectId = project.Id, BuildingId = b.Id, Code = $"XF-{b.Name}", Name = $"{b.Name}消防栓系统",
                        Category = AssetCategory.FireSystem, Location = $"{b.Name}各层楼梯间", InstallDate = install, NextInspection = new DateOnly(2026, rng.Next(1, 13), 1),
                    });
                    n++;
                }
                foreach (var (code, name, category) in new[] { ("SB-01", "生活水泵", AssetCategory.Pump), ("JK-01", "监控中心主机", AssetCategory.Cctv), ("MJ-01", "大门门禁", AssetCategory.AccessControl), ("ZM-01", "景观照明", AssetCategory.Lighting) })
                    db.Add(new Asset { CompanyId = company.Id, ProjectId = project.Id, Code = code, Name = name, Category = category, Location = "地下室设备房", InstallDate = new DateOnly(2018, 3, 1) });
                foreach (var (name, kind, vendor) in new[] { ("秩序维护班", TeamKind.Security, (Vendor?)null), ("工程维修班", TeamKind.Engineering, null), ("客服中心", TeamKind.CustomerService, null), ("保洁班", TeamKind.Cleaning, vendors[0]), ("绿化班", TeamKind.Greening, vendors[1]) })
                {
                    var team = new Team { CompanyId = company.Id, ProjectId = project.Id, Name = name, Kind = kind, VendorId = vendor?.Id };
                    db.Add(team);
                    for (var m = 0; m < 3; m++)
                        db.Add(new StaffMember
                        {
                            CompanyId = company.Id, ProjectId = project.Id, TeamId = team.Id, VendorId = vendor?.Id, Name = NewPerson(rng, company.Id, project.Id).Name,
                            Phone = "13" + rng.Next(5, 10) + rng.Next(0, 100_000_000).ToString("D8"), Position = m == 0 ? "班长" : StaffKinds(kind), IsLeader = m == 0,
                        });
                }
                if (project.Kind == ProjectKind.Office) continue;
                var projectUnits = units.Where(u => u.ProjectId == project.Id).ToList();
                for (var i = 1; i <= 40; i++)
                {
                    var kind = i <= 24 ? ParkingKind.Fixed : i <= 34 ? ParkingKind.Rented : ParkingKind.Public;
                    var unit = kind == ParkingKind.Public ? null : projectUnits[rng.Next(projectUnits.Count)];
                    var space = new ParkingSpace
                    {
                        CompanyId = company.Id, ProjectId = project.Id, Code = $"B1-{i:D3}", Kind = kind, Location = "地下一层", HasLock = kind == ParkingKind.Fixed && rng.Next(0, 2) == 0,
                        UnitId = unit?.Id, ZoneId = unit?.ZoneId, HolderPersonId = unit is not null && owners.TryGetValue(unit.Id, out var o) ? o : null,
                    };
                    db.Add(space);
                    if (unit is not null && i % 2 == 0)
                        db.Add(new Vehicle
                        {
                            CompanyId = company.Id, ProjectId = project.Id, ZoneId = unit.ZoneId, UnitId = unit.Id, PersonId = space.HolderPersonId, ParkingSpaceId = space.Id,
                            Plate = $"浙H{(char)('A' + rng.Next(0, 20))}{i:D2}{rng.Next(10, 100)}", Model = new[] { "大众朗逸", "丰田卡罗拉", "比亚迪秦", "本田雅阁" }[rng.Next(4)],
                        });
                }
            }
        }
    }

    private static string StaffKinds(TeamKind kind) => kind switch
    {
        TeamKind.Security => "秩序维护员",
        TeamKind.Engineering => "维修工",
        TeamKind.CustomerService => "客服专员",
        TeamKind.Cleaning => "保洁员",
        _ => "绿化工",
    };

    private void AddOccupants(Random rng, Unit unit)
    {
        var owner = NewPerson(rng, unit.CompanyId, unit.ProjectId);
        db.People().Add(owner);
        db.UnitOccupants().Add(new UnitOccupant
        {
            CompanyId = unit.CompanyId, ProjectId = unit.ProjectId, ZoneId = unit.ZoneId, UnitId = unit.Id, PersonId = owner.Id,
            Relation = rng.Next(0, 10) < 9 ? OccupantRelation.Owner : OccupantRelation.Tenant, Since = unit.HandoverDate,
        });
        var family = rng.Next(0, 3);
        for (var i = 0; i < family; i++)
        {
            var member = NewPerson(rng, unit.CompanyId, unit.ProjectId, owner.Name[..1]);
            db.People().Add(member);
            db.UnitOccupants().Add(new UnitOccupant
            {
                CompanyId = unit.CompanyId, ProjectId = unit.ProjectId, ZoneId = unit.ZoneId, UnitId = unit.Id, PersonId = member.Id,
                Relation = OccupantRelation.Family, Kinship = Kinships[rng.Next(Kinships.Length)], Since = unit.HandoverDate,
            });
        }
    }

    private static readonly string[] Kinships = ["配偶", "子女", "父母", "子女"];

    private static Person NewPerson(Random rng, Guid companyId, Guid projectId, string? surname = null)
    {
        var name = (surname ?? Surnames[rng.Next(Surnames.Length)]) + GivenChars[rng.Next(GivenChars.Length)] + (rng.Next(0, 3) == 0 ? "" : GivenChars[rng.Next(GivenChars.Length)]);
        var prefixes = new[] { "138", "139", "136", "137", "150", "151", "158", "159", "186", "187", "188", "177" };
        var idNumber = IdNumbers.Make(rng);
        return new Person
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Name = name,
            Phone = prefixes[rng.Next(prefixes.Length)] + rng.Next(0, 100_000_000).ToString("D8"),
            IdNumber = idNumber,
            Birthday = IdNumbers.Birthday(idNumber),
        };
    }

    private async Task CreateAccountsAsync(Regulator regulator, Company[] companies, Project project, Zone zone, Unit unit, CancellationToken ct)
    {
        foreach (var (userName, name, role) in Accounts)
        {
            var user = new AppUser
            {
                UserName = userName, DisplayName = name,
                CompanyId = role is Roles.PlatformAdmin or Roles.Regulator ? null : userName == "manager2" ? companies[1].Id : companies[0].Id,
            };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            RoleAssignment? grant = role switch
            {
                Roles.PlatformAdmin => new() { UserId = user.Id, Role = role },
                Roles.Regulator => new() { UserId = user.Id, Role = role, RegulatorId = regulator.Id },
                Roles.CompanyManager => new() { UserId = user.Id, Role = role, CompanyId = userName == "manager2" ? companies[1].Id : companies[0].Id },
                Roles.QualityInspector => new() { UserId = user.Id, Role = role, CompanyId = companies[0].Id },
                Roles.Steward => new() { UserId = user.Id, Role = role, CompanyId = zone.CompanyId, ProjectId = zone.ProjectId, ZoneId = zone.Id },
                Roles.Owner => null,
                _ => new() { UserId = user.Id, Role = role, CompanyId = project.CompanyId, ProjectId = project.Id },
            };
            if (grant is not null) db.RoleAssignments.Add(grant);
            if (role == Roles.Steward) zone.StewardUserId = user.Id;
            if (role is Roles.Owner or Roles.OwnersCommittee)
            {
                // The owner account is the owner of record of the project's first unit; the
                // committee chair owns the unit next door.
                var target = role == Roles.Owner ? unit
                    : await db.Units().Where(u => u.BuildingId == unit.BuildingId && u.Id != unit.Id).OrderBy(u => u.Number).FirstAsync(ct);
                var person = new Person { CompanyId = target.CompanyId, ProjectId = target.ProjectId, Name = name.Split(' ').Last(), Phone = role == Roles.Owner ? "13800138000" : "13900139000", UserId = user.Id };
                db.People().Add(person);
                db.UnitOccupants().Add(new UnitOccupant
                {
                    CompanyId = target.CompanyId, ProjectId = target.ProjectId, ZoneId = target.ZoneId, UnitId = target.Id,
                    PersonId = person.Id, Relation = OccupantRelation.Owner, Since = target.HandoverDate,
                });
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }
}
