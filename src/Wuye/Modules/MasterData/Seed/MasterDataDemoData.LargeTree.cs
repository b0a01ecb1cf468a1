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

/// <summary>The benchmark size of the demo tree (<c>--size large</c>).</summary>
internal sealed partial class MasterDataDemoData
{
    private static readonly string[] NamePrefixes = ["锦绣", "阳光", "翠湖", "金桂", "碧水", "御景", "华府", "紫荆", "书香", "春江"];
    private static readonly string[] NameSuffixes = ["花园", "家园", "名苑", "雅居", "公馆", "新城", "庭院", "湾", "府", "苑"];
    private static readonly string[] CompanyNames =
    [
        "锦华物业服务有限公司",
        "恒安物业管理有限公司",
        "万家物业服务有限公司",
        "安居物业管理有限公司",
        "东方物业服务有限公司",
    ];
    private static readonly string[] Towns = ["芹阳办事处", "华埠镇", "马金镇", "池淮镇", "桐村镇", "杨林镇", "苏庄镇", "齐溪镇"];

    /// <summary>
    /// The benchmark tree: 5 companies, 200 projects, 100,000 units and about 180,000 people.
    /// Written with COPY (as an import is): row-by-row inserts would take minutes. Demo accounts
    /// are placed as in the small data: the first company's first project and zone.
    /// </summary>
    private async Task SeedLargeTreeAsync(Random rng, CancellationToken ct)
    {
        var regulator = new Regulator { Name = "开化县住房和城乡建设局", RegionCode = "330824" };
        var companies = CompanyNames
            .Select(
                (n, i) =>
                    new Company
                    {
                        Name = n,
                        RegulatorId = regulator.Id,
                        CreditCode = $"91330824MA2{i}X7Q3K" + "ABCDE"[i],
                        ContactPhone = $"0570-60{i + 1}2345",
                    }
            )
            .ToArray();
        List<Project> projects = [];
        List<Zone> zones = [];
        List<Building> buildings = [];
        List<Unit> units = [];
        List<Person> people = [];
        List<UnitOccupant> occupants = [];
        for (var ci = 0; ci < companies.Length; ci++)
        for (var pi = 0; pi < 40; pi++)
        {
            var n = ci * 40 + pi;
            var office = pi % 10 == 9;
            var project = new Project
            {
                CompanyId = companies[ci].Id,
                Kind = office ? ProjectKind.Office : ProjectKind.Residential,
                Name = office
                    ? $"{NamePrefixes[n % 10]}大厦{"一二三四五六七八九十"[n / 10 % 10]}座{(n >= 100 ? "二期" : "")}"
                    : $"{NamePrefixes[n % 10]}{NameSuffixes[n / 10 % 10]}{(n >= 100 ? "二期" : "")}",
                Address = $"开化县{Towns[n % Towns.Length]}{NamePrefixes[(n + 3) % 10]}路 {n + 1} 号",
            };
            projects.Add(project);
            var projectZones = Enumerable
                .Range(0, office ? 1 : 2)
                .Select(z => new Zone
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Name =
                        office ? "写字楼片区"
                        : z == 0 ? "东区"
                        : "西区",
                })
                .ToList();
            zones.AddRange(projectZones);
            var handover = new DateOnly(2012 + rng.Next(0, 12), rng.Next(1, 13), rng.Next(1, 28));
            // 5 buildings × 20 floors × 5 units = 500 units a project.
            for (var b = 1; b <= 5; b++)
            {
                var zone = projectZones[(b - 1) % projectZones.Count];
                var building = new Building
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    ZoneId = zone.Id,
                    Name = office ? $"{(char)('A' + b - 1)}座" : $"{b}幢",
                    Floors = 20,
                };
                buildings.Add(building);
                for (var f = 1; f <= 20; f++)
                for (var u = 1; u <= 5; u++)
                {
                    var unit = new Unit
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        ZoneId = zone.Id,
                        BuildingId = building.Id,
                        Number = $"{f}{u:D2}",
                        Floor = f,
                        Area = office ? 120 + rng.Next(0, 300) : 68 + rng.Next(0, 12) * 10 + rng.Next(0, 10),
                        UnitType =
                            office ? "办公"
                            : rng.Next(0, 10) < 7 ? "三室两厅"
                            : "两室一厅",
                        HandoverDate = handover,
                        WarrantyEnd = handover.AddYears(2),
                    };
                    units.Add(unit);
                    if (rng.Next(0, 100) >= 95)
                        continue;
                    var owner = NewPerson(rng, unit.CompanyId, unit.ProjectId);
                    people.Add(owner);
                    occupants.Add(
                        new UnitOccupant
                        {
                            CompanyId = unit.CompanyId,
                            ProjectId = unit.ProjectId,
                            ZoneId = unit.ZoneId,
                            UnitId = unit.Id,
                            PersonId = owner.Id,
                            Relation = rng.Next(0, 10) < 9 ? OccupantRelation.Owner : OccupantRelation.Tenant,
                            Since = handover,
                        }
                    );
                    if (rng.Next(0, 10) < 9) // about 0.8 family members a unit, 1.8 people in all
                    {
                        var member = NewPerson(rng, unit.CompanyId, unit.ProjectId, owner.Name[..1]);
                        people.Add(member);
                        occupants.Add(
                            new UnitOccupant
                            {
                                CompanyId = unit.CompanyId,
                                ProjectId = unit.ProjectId,
                                ZoneId = unit.ZoneId,
                                UnitId = unit.Id,
                                PersonId = member.Id,
                                Relation = OccupantRelation.Family,
                                Kinship = Kinships[rng.Next(Kinships.Length)],
                                Since = handover,
                            }
                        );
                    }
                }
            }
        }
        var now = DateTimeOffset.UtcNow;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await BulkWriter.InsertAsync(db, [regulator], now, ct);
            await BulkWriter.InsertAsync(db, companies, now, ct);
            await BulkWriter.InsertAsync(db, projects, now, ct);
            await BulkWriter.InsertAsync(db, zones, now, ct);
            await BulkWriter.InsertAsync(db, buildings, now, ct);
            await BulkWriter.InsertAsync(db, units, now, ct);
            await BulkWriter.InsertAsync(db, people, now, ct);
            await BulkWriter.InsertAsync(db, occupants, now, ct);
            await tx.CommitAsync(ct);
        }
        _log.LogInformation("Large tree: {Projects} projects, {Units} units, {People} people", projects.Count, units.Count, people.Count);
        db.ChangeTracker.Clear();
        // Loaded, not attached: the steward is set on the zone, and the update needs its real xmin.
        var firstZone = await db.Zones().FirstAsync(z => z.Id == zones[0].Id, ct);
        await CreateAccountsAsync(regulator, companies, projects[0], firstZone, units[0], ct);
        db.ChangeTracker.Clear();
    }
}
