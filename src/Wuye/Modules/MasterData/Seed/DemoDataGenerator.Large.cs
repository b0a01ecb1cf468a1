using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Wuye.Modules.MasterData.Domain;

namespace Wuye.Modules.MasterData.Seed;

/// <summary>
/// The large benchmark data: 5 companies, 200 projects, 100,000 units and about 180,000 people.
/// The tree above units goes through EF (a few thousand rows, audited like any change); units,
/// people and their links go in with PostgreSQL binary COPY in one transaction, because change
/// tracking 400,000 rows would take minutes. Bulk-generated rows carry no audit entries.
/// </summary>
public sealed partial class DemoDataGenerator
{
    public const int LargeCompanies = 5, LargeProjectsPerCompany = 40, LargeBuildingsPerProject = 10, LargeFloors = 10, LargeUnitsPerFloor = 5;

    private static readonly string[] CompanyNames = ["锦华物业服务有限公司", "恒安物业管理有限公司", "瑞和物业服务有限公司", "明辉物业管理有限公司", "安居物业服务有限公司"];
    private static readonly string[] ProjectFirst = ["锦绣", "阳光", "翠湖", "金桂", "滨江", "碧水", "紫荆", "香樟", "书香", "和园", "东方", "新城", "枫林", "清华", "银河", "盛世", "龙湖", "凤凰", "绿洲", "雅居"];
    private static readonly string[] ProjectSecond = ["花园", "水岸", "天地", "苑", "名邸", "家园", "公馆", "新村"];
    private static readonly string[] Towns = ["芹阳办事处", "华埠镇", "池淮镇", "桐村镇", "杨林镇", "马金镇", "村头镇", "齐溪镇"];

    private async Task SeedLargeAsync(int seed, CancellationToken ct)
    {
        var rng = new Random(seed);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var regulator = new Regulator { Name = "开化县住房和城乡建设局", RegionCode = "330824" };
        db.Regulators.Add(regulator);
        var companies = CompanyNames.Select((n, i) => new Company
        {
            Name = n, RegulatorId = regulator.Id, CreditCode = $"91330824MA2{i}X{rng.Next(100000, 999999)}K"[..18], ContactPhone = $"0570-60{rng.Next(10000, 99999)}",
        }).ToArray();
        db.Companies.AddRange(companies);

        var units = new List<Unit>(LargeCompanies * LargeProjectsPerCompany * LargeBuildingsPerProject * LargeFloors * LargeUnitsPerFloor);
        var people = new List<Person>(190_000);
        var occupants = new List<UnitOccupant>(190_000);
        Project? firstProject = null;
        Zone? firstZone = null;
        foreach (var company in companies)
        {
            var names = new HashSet<string>();
            for (var p = 0; p < LargeProjectsPerCompany; p++)
            {
                string name;
                do name = ProjectFirst[rng.Next(ProjectFirst.Length)] + ProjectSecond[rng.Next(ProjectSecond.Length)] + (names.Count >= 100 ? $"{names.Count}" : "");
                while (!names.Add(name));
                var office = p % 10 == 9;
                var project = new Project
                {
                    CompanyId = company.Id, Name = office ? name.Replace("花园", "大厦").Replace("家园", "中心") + "写字楼" : name,
                    Kind = office ? ProjectKind.Office : ProjectKind.Residential,
                    Address = $"开化县{Towns[rng.Next(Towns.Length)]}{ProjectFirst[rng.Next(ProjectFirst.Length)]}路 {rng.Next(1, 300)} 号",
                };
                db.Projects.Add(project);
                var zones = Enumerable.Range(0, 4).Select(i => new Zone { CompanyId = company.Id, ProjectId = project.Id, Name = $"{"东西南北"[i]}区" }).ToList();
                db.Zones.AddRange(zones);
                firstProject ??= project;
                firstZone ??= zones[0];
                var handover = new DateOnly(2012 + rng.Next(0, 12), rng.Next(1, 13), rng.Next(1, 28));
                for (var b = 1; b <= LargeBuildingsPerProject; b++)
                {
                    var zone = zones[(b - 1) % zones.Count];
                    var building = new Building { CompanyId = company.Id, ProjectId = project.Id, ZoneId = zone.Id, Name = $"{b}幢", Floors = LargeFloors };
                    db.Buildings.Add(building);
                    for (var f = 1; f <= LargeFloors; f++)
                    for (var n = 1; n <= LargeUnitsPerFloor; n++)
                    {
                        var unit = new Unit
                        {
                            CompanyId = company.Id, ProjectId = project.Id, ZoneId = zone.Id, BuildingId = building.Id, Number = $"{f}{n:D2}", Floor = f,
                            Area = 68 + rng.Next(0, 12) * 10 + rng.Next(0, 10), UnitType = office ? "办公" : rng.Next(0, 10) < 7 ? "三室两厅" : "两室一厅",
                            HandoverDate = handover, WarrantyEnd = handover.AddYears(2),
                        };
                        units.Add(unit);
                        if (rng.Next(0, 100) >= 90) continue;
                        var owner = NewPerson(rng, company.Id, project.Id);
                        people.Add(owner);
                        occupants.Add(new UnitOccupant
                        {
                            CompanyId = company.Id, ProjectId = project.Id, ZoneId = zone.Id, UnitId = unit.Id, PersonId = owner.Id,
                            Relation = rng.Next(0, 10) < 9 ? OccupantRelation.Owner : OccupantRelation.Tenant, Since = handover,
                        });
                        for (var i = rng.Next(0, 3); i > 0; i--) // about one family member per occupied unit: ~180,000 people
                        {
                            var member = NewPerson(rng, company.Id, project.Id, owner.Name[..1]);
                            people.Add(member);
                            occupants.Add(new UnitOccupant
                            {
                                CompanyId = company.Id, ProjectId = project.Id, ZoneId = zone.Id, UnitId = unit.Id, PersonId = member.Id,
                                Relation = OccupantRelation.Family, Kinship = Kinships[rng.Next(Kinships.Length)], Since = handover,
                            });
                        }
                    }
                }
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        await CopyAsync(units, people, occupants, ct);
        db.ChangeTracker.Clear();
        var firstUnit = await db.Units.Where(u => u.ProjectId == firstProject!.Id).OrderBy(u => u.Id).FirstAsync(ct);
        var zoneOfUnit = await db.Zones.FirstAsync(z => z.Id == firstUnit.ZoneId, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await CreateAccountsAsync(await db.Regulators.FirstAsync(ct), [.. await db.Companies.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct)],
            firstProject!, zoneOfUnit, firstUnit, ct);
        _ = firstZone;
    }

    private async Task CopyAsync(List<Unit> units, List<Person> people, List<UnitOccupant> occupants, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY master_data.unit (id, company_id, project_id, zone_id, building_id, number, floor, area, unit_type, handover_date, warranty_end, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var u in units)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(u.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(u.CompanyId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(u.ProjectId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(u.ZoneId!.Value, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(u.BuildingId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(u.Number, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(u.Floor!.Value, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(u.Area!.Value, NpgsqlDbType.Numeric, ct);
                await w.WriteAsync(u.UnitType!, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(u.HandoverDate!.Value, NpgsqlDbType.Date, ct);
                await w.WriteAsync(u.WarrantyEnd!.Value, NpgsqlDbType.Date, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY master_data.person (id, company_id, project_id, name, phone, id_number, birthday, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in people)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.CompanyId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.ProjectId!.Value, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(p.Name, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.Phone!, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(p.IdNumber!, NpgsqlDbType.Varchar, ct);
                if (p.Birthday is { } bd) await w.WriteAsync(bd, NpgsqlDbType.Date, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY master_data.unit_occupant (id, company_id, project_id, zone_id, unit_id, person_id, relation, kinship, since, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var o in occupants)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(o.Id, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.CompanyId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.ProjectId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.ZoneId!.Value, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.UnitId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.PersonId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(o.Relation.ToString(), NpgsqlDbType.Varchar, ct);
                if (o.Kinship is { } k) await w.WriteAsync(k, NpgsqlDbType.Varchar, ct); else await w.WriteNullAsync(ct);
                await w.WriteAsync(o.Since!.Value, NpgsqlDbType.Date, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await w.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }
            await w.CompleteAsync(ct);
        }
        await tx.CommitAsync(ct);
        await using var analyze = new NpgsqlCommand("analyze master_data.unit; analyze master_data.person; analyze master_data.unit_occupant;", conn);
        await analyze.ExecuteNonQueryAsync(ct);
    }
}
