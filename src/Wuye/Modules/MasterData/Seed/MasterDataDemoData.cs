using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
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

    private static readonly string[] Surnames =
    [
        "王",
        "李",
        "张",
        "刘",
        "陈",
        "杨",
        "黄",
        "赵",
        "吴",
        "周",
        "徐",
        "孙",
        "马",
        "朱",
        "胡",
        "郭",
        "何",
        "高",
        "林",
        "罗",
        "郑",
        "梁",
        "谢",
        "宋",
        "唐",
        "许",
        "韩",
        "冯",
        "邓",
        "曹",
    ];
    private static readonly string[] GivenChars =
    [
        "伟",
        "芳",
        "娜",
        "敏",
        "静",
        "丽",
        "强",
        "磊",
        "军",
        "洋",
        "勇",
        "艳",
        "杰",
        "娟",
        "涛",
        "明",
        "超",
        "秀",
        "霞",
        "平",
        "刚",
        "桂",
        "英",
        "华",
        "玉",
        "兰",
        "建",
        "国",
        "文",
        "辉",
        "鑫",
        "宇",
        "浩",
        "婷",
        "雪",
        "琳",
        "晨",
        "欣",
        "博",
        "佳",
    ];

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
            new Company
            {
                Name = "锦华物业服务有限公司",
                RegulatorId = regulator.Id,
                CreditCode = "91330824MA2B1X7Q3K",
                ContactPhone = "0570-6012345",
            },
            new Company
            {
                Name = "恒安物业管理有限公司",
                RegulatorId = regulator.Id,
                CreditCode = "91330824MA2C4Y9R5L",
                ContactPhone = "0570-6023456",
            },
        };
        db.Companies().AddRange(companies);

        var firstProject = default(Project);
        var firstZone = default(Zone);
        var firstUnit = default(Unit);
        for (var ci = 0; ci < companies.Length; ci++)
        {
            foreach (var spec in SmallProjects[ci])
            {
                var project = new Project
                {
                    CompanyId = companies[ci].Id,
                    Name = spec.Name,
                    Kind = spec.Kind,
                    Address = spec.Address,
                };
                db.Projects().Add(project);
                var zoneCount = spec.Kind == ProjectKind.Office ? 1 : Math.Max(2, spec.Buildings / 2);
                var zones = Enumerable
                    .Range(1, zoneCount)
                    .Select(i => new Zone
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        Name = spec.Kind == ProjectKind.Office ? "写字楼片区" : $"{"东西南北中"[(i - 1) % 5]}区",
                    })
                    .ToList();
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
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        ZoneId = zone.Id,
                        Name = spec.Kind == ProjectKind.Office ? $"{(char)('A' + b - 1)}座" : $"{b}幢",
                        Floors = spec.Floors,
                    };
                    db.Buildings().Add(building);
                    projectBuildings.Add(building);
                    for (var f = 1; f <= spec.Floors; f++)
                    for (var n = 1; n <= spec.UnitsPerFloor; n++)
                    {
                        var unit = new Unit
                        {
                            CompanyId = project.CompanyId,
                            ProjectId = project.Id,
                            ZoneId = zone.Id,
                            BuildingId = building.Id,
                            Number = $"{f}{n:D2}",
                            Floor = f,
                            Area = spec.Kind == ProjectKind.Office ? 120 + rng.Next(0, 300) : 68 + rng.Next(0, 12) * 10 + rng.Next(0, 10),
                            UnitType =
                                spec.Kind == ProjectKind.Office ? "办公"
                                : rng.Next(0, 10) < 7 ? "三室两厅"
                                : rng.Next(0, 2) == 0 ? "两室一厅"
                                : "四室两厅",
                            HandoverDate = handover,
                            WarrantyEnd = handover.AddYears(2),
                        };
                        db.Units().Add(unit);
                        firstUnit ??= unit;
                        if (rng.Next(0, 100) < 88)
                            AddOccupants(rng, unit);
                    }
                }
            }
        }
        AddRegisters(new Random(seed * 31 + 7), companies);
        await SaveTreeAsync(ct);
        await CreateAccountsAsync(regulator, companies, firstProject!, firstZone!, firstUnit!, ct);
    }

    /// <summary>
    /// Saves what the small tree added: the companies, projects, zones and buildings through the context, the units, people
    /// and their links (nine in ten of the records) by COPY with their audit rows (<see cref="BulkWriter"/>; the context's
    /// row-by-row inserts took 4 s of every test run's start), then the registers that refer to them through the context.
    /// One transaction; nothing stays tracked but the tree and the registers, so the accounts' saves below stay cheap.
    /// </summary>
    private async Task SaveTreeAsync(CancellationToken ct)
    {
        List<T> Take<T>(Func<T, bool>? which = null)
            where T : class
        {
            var rows = db
                .ChangeTracker.Entries<T>()
                .Where(e => e.State == EntityState.Added && (which is null || which(e.Entity)))
                .Select(e => e.Entity)
                .ToList();
            foreach (var r in rows)
                db.Entry(r).State = EntityState.Detached;
            return rows;
        }
        var (units, people, occupants) = (Take<Unit>(), Take<Person>(), Take<UnitOccupant>());
        Type[] tree = [typeof(Regulator), typeof(Company), typeof(Project), typeof(Zone), typeof(Building)];
        var registers = Take<object>(e => !tree.Contains(e.GetType()));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var now = DateTimeOffset.UtcNow;
        await BulkWriter.InsertAsync(db, units, now, ct);
        await BulkWriter.InsertAsync(db, people, now, ct);
        await BulkWriter.InsertAsync(db, occupants, now, ct);
        db.AddRange(registers);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CreateAccountsAsync(
        Regulator regulator,
        Company[] companies,
        Project project,
        Zone zone,
        Unit unit,
        CancellationToken ct
    )
    {
        string? demoHash = null;
        foreach (var (userName, name, role) in Accounts)
        {
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = name,
                CompanyId =
                    role is Roles.PlatformAdmin or Roles.Regulator ? null
                    : userName == "manager2" ? companies[1].Id
                    : companies[0].Id,
            };
            // Every demo account has the one published demo password: it is hashed once (PBKDF2, ~0.1 s a time) and the hash
            // given to each account.
            demoHash ??= users.PasswordHasher.HashPassword(user, DemoPassword);
            user.PasswordHash = demoHash;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            RoleAssignment? grant = role switch
            {
                Roles.PlatformAdmin => new() { UserId = user.Id, Role = role },
                Roles.Regulator => new()
                {
                    UserId = user.Id,
                    Role = role,
                    RegulatorId = regulator.Id,
                },
                Roles.CompanyManager => new()
                {
                    UserId = user.Id,
                    Role = role,
                    CompanyId = userName == "manager2" ? companies[1].Id : companies[0].Id,
                },
                Roles.QualityInspector => new()
                {
                    UserId = user.Id,
                    Role = role,
                    CompanyId = companies[0].Id,
                },
                Roles.Steward => new()
                {
                    UserId = user.Id,
                    Role = role,
                    CompanyId = zone.CompanyId,
                    ProjectId = zone.ProjectId,
                    ZoneId = zone.Id,
                },
                Roles.Owner => null,
                _ => new()
                {
                    UserId = user.Id,
                    Role = role,
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                },
            };
            if (grant is not null)
                db.RoleAssignments.Add(grant);
            if (role == Roles.Steward)
                zone.StewardUserId = user.Id;
            if (role is Roles.Owner or Roles.OwnersCommittee)
            {
                // The owner account is the owner of record of the project's first unit; the
                // committee chair owns the unit next door.
                var target =
                    role == Roles.Owner
                        ? unit
                        : await db.Units()
                            .Where(u => u.BuildingId == unit.BuildingId && u.Id != unit.Id)
                            .OrderBy(u => u.Number)
                            .FirstAsync(ct);
                var person = new Person
                {
                    CompanyId = target.CompanyId,
                    ProjectId = target.ProjectId,
                    Name = name.Split(' ').Last(),
                    Phone = role == Roles.Owner ? "13800138000" : "13900139000",
                    UserId = user.Id,
                };
                db.People().Add(person);
                db.UnitOccupants()
                    .Add(
                        new UnitOccupant
                        {
                            CompanyId = target.CompanyId,
                            ProjectId = target.ProjectId,
                            ZoneId = target.ZoneId,
                            UnitId = target.Id,
                            PersonId = person.Id,
                            Relation = OccupantRelation.Owner,
                            Since = target.HandoverDate,
                        }
                    );
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }
}
