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

internal sealed partial class MasterDataDemoData
{
    private static readonly (string Name, VendorService Service)[] VendorNames =
    [
        ("洁美保洁服务有限公司", VendorService.Cleaning),
        ("绿源园林绿化工程有限公司", VendorService.Greening),
        ("安盾保安服务有限公司", VendorService.Security),
        ("通达电梯维保有限公司", VendorService.ElevatorMaintenance),
    ];

    /// <summary>
    /// Vendors, the equipment register, parking spaces and vehicles. A random of its own keeps
    /// the units and people above identical to what they were before registers existed.
    /// </summary>
    private void AddRegisters(Random rng, Company[] companies)
    {
        var units = db.ChangeTracker.Entries<Unit>().Select(e => e.Entity).ToList();
        var owners = db
            .ChangeTracker.Entries<UnitOccupant>()
            .Select(e => e.Entity)
            .Where(o => o.Relation == OccupantRelation.Owner)
            .GroupBy(o => o.UnitId)
            .ToDictionary(g => g.Key, g => g.First().PersonId);
        var buildings = db.ChangeTracker.Entries<Building>().Select(e => e.Entity).ToList();
        foreach (var company in companies)
        {
            var vendors = VendorNames
                .Select(v => new Vendor
                {
                    CompanyId = company.Id,
                    Name = v.Name,
                    Service = v.Service,
                    ContactName = NewPerson(rng, company.Id, Guid.Empty).Name,
                    ContactPhone = "0570-60" + rng.Next(10000, 99999),
                    ContractEnd = new DateOnly(2026, 12, 31),
                })
                .ToList();
            db.AddRange(vendors);
            foreach (
                var project in db.ChangeTracker.Entries<Project>().Select(e => e.Entity).Where(p => p.CompanyId == company.Id).ToList()
            )
            {
                var n = 0;
                foreach (var b in buildings.Where(b => b.ProjectId == project.Id))
                {
                    var install = new DateOnly(2016 + rng.Next(0, 8), rng.Next(1, 13), rng.Next(1, 28));
                    for (var e = 1; e <= 2; e++)
                        db.Add(
                            new Asset
                            {
                                CompanyId = company.Id,
                                ProjectId = project.Id,
                                BuildingId = b.Id,
                                Code = $"DT-{b.Name}-{e:D2}",
                                Name = $"{b.Name}{e}号电梯",
                                Category = AssetCategory.Elevator,
                                Location = $"{b.Name}大堂",
                                VendorId = vendors[3].Id,
                                InstallDate = install,
                                NextInspection = new DateOnly(2026, rng.Next(1, 13), rng.Next(1, 28)),
                            }
                        );
                    db.Add(
                        new Asset
                        {
                            CompanyId = company.Id,
                            ProjectId = project.Id,
                            BuildingId = b.Id,
                            Code = $"XF-{b.Name}",
                            Name = $"{b.Name}消防栓系统",
                            Category = AssetCategory.FireSystem,
                            Location = $"{b.Name}各层楼梯间",
                            InstallDate = install,
                            NextInspection = new DateOnly(2026, rng.Next(1, 13), 1),
                        }
                    );
                    n++;
                }
                foreach (
                    var (code, name, category) in new[]
                    {
                        ("SB-01", "生活水泵", AssetCategory.Pump),
                        ("JK-01", "监控中心主机", AssetCategory.Cctv),
                        ("MJ-01", "大门门禁", AssetCategory.AccessControl),
                        ("ZM-01", "景观照明", AssetCategory.Lighting),
                    }
                )
                    db.Add(
                        new Asset
                        {
                            CompanyId = company.Id,
                            ProjectId = project.Id,
                            Code = code,
                            Name = name,
                            Category = category,
                            Location = "地下室设备房",
                            InstallDate = new DateOnly(2018, 3, 1),
                        }
                    );
                foreach (
                    var (name, kind, vendor) in new[]
                    {
                        ("秩序维护班", TeamKind.Security, (Vendor?)null),
                        ("工程维修班", TeamKind.Engineering, null),
                        ("客服中心", TeamKind.CustomerService, null),
                        ("保洁班", TeamKind.Cleaning, vendors[0]),
                        ("绿化班", TeamKind.Greening, vendors[1]),
                    }
                )
                {
                    var team = new Team
                    {
                        CompanyId = company.Id,
                        ProjectId = project.Id,
                        Name = name,
                        Kind = kind,
                        VendorId = vendor?.Id,
                    };
                    db.Add(team);
                    for (var m = 0; m < 3; m++)
                        db.Add(
                            new StaffMember
                            {
                                CompanyId = company.Id,
                                ProjectId = project.Id,
                                TeamId = team.Id,
                                VendorId = vendor?.Id,
                                Name = NewPerson(rng, company.Id, project.Id).Name,
                                Phone = "13" + rng.Next(5, 10) + rng.Next(0, 100_000_000).ToString("D8"),
                                Position = m == 0 ? "班长" : StaffKinds(kind),
                                IsLeader = m == 0,
                            }
                        );
                }
                if (project.Kind == ProjectKind.Office)
                    continue;
                var projectUnits = units.Where(u => u.ProjectId == project.Id).ToList();
                for (var i = 1; i <= 40; i++)
                {
                    var kind =
                        i <= 24 ? ParkingKind.Fixed
                        : i <= 34 ? ParkingKind.Rented
                        : ParkingKind.Public;
                    var unit = kind == ParkingKind.Public ? null : projectUnits[rng.Next(projectUnits.Count)];
                    var space = new ParkingSpace
                    {
                        CompanyId = company.Id,
                        ProjectId = project.Id,
                        Code = $"B1-{i:D3}",
                        Kind = kind,
                        Location = "地下一层",
                        HasLock = kind == ParkingKind.Fixed && rng.Next(0, 2) == 0,
                        UnitId = unit?.Id,
                        ZoneId = unit?.ZoneId,
                        HolderPersonId = unit is not null && owners.TryGetValue(unit.Id, out var o) ? o : null,
                    };
                    db.Add(space);
                    if (unit is not null && i % 2 == 0)
                        db.Add(
                            new Vehicle
                            {
                                CompanyId = company.Id,
                                ProjectId = project.Id,
                                ZoneId = unit.ZoneId,
                                UnitId = unit.Id,
                                PersonId = space.HolderPersonId,
                                ParkingSpaceId = space.Id,
                                Plate = $"浙H{(char)('A' + rng.Next(0, 20))}{i:D2}{rng.Next(10, 100)}",
                                Model = new[] { "大众朗逸", "丰田卡罗拉", "比亚迪秦", "本田雅阁" }[rng.Next(4)],
                            }
                        );
                }
            }
        }
    }

    private static string StaffKinds(TeamKind kind) =>
        kind switch
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
        db.UnitOccupants()
            .Add(
                new UnitOccupant
                {
                    CompanyId = unit.CompanyId,
                    ProjectId = unit.ProjectId,
                    ZoneId = unit.ZoneId,
                    UnitId = unit.Id,
                    PersonId = owner.Id,
                    Relation = rng.Next(0, 10) < 9 ? OccupantRelation.Owner : OccupantRelation.Tenant,
                    Since = unit.HandoverDate,
                }
            );
        var family = rng.Next(0, 3);
        for (var i = 0; i < family; i++)
        {
            var member = NewPerson(rng, unit.CompanyId, unit.ProjectId, owner.Name[..1]);
            db.People().Add(member);
            db.UnitOccupants()
                .Add(
                    new UnitOccupant
                    {
                        CompanyId = unit.CompanyId,
                        ProjectId = unit.ProjectId,
                        ZoneId = unit.ZoneId,
                        UnitId = unit.Id,
                        PersonId = member.Id,
                        Relation = OccupantRelation.Family,
                        Kinship = Kinships[rng.Next(Kinships.Length)],
                        Since = unit.HandoverDate,
                    }
                );
        }
    }

    private static readonly string[] Kinships = ["配偶", "子女", "父母", "子女"];

    private static Person NewPerson(Random rng, Guid companyId, Guid projectId, string? surname = null)
    {
        var name =
            (surname ?? Surnames[rng.Next(Surnames.Length)])
            + GivenChars[rng.Next(GivenChars.Length)]
            + (rng.Next(0, 3) == 0 ? "" : GivenChars[rng.Next(GivenChars.Length)]);
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
}
