using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.MasterData.Domain;

/// <summary>Rules of the tree and its registers, on the entities: archiving, versions, units and buildings, parking, people, staff. No
/// database.</summary>
public sealed class TreeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static Unit NewUnit(Guid? building = null) =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            ZoneId = Guid.NewGuid(),
            BuildingId = building ?? Guid.NewGuid(),
            Number = "101",
        };

    [Fact]
    public void A_record_is_archived_once()
    {
        var zone = new Zone { Name = "东区" };
        zone.Archive("zone", Now);
        Assert.Equal(Now, zone.ArchivedAt);
        var e = Assert.Throws<RuleException>(() => zone.Archive("zone", Now.AddHours(1)));
        Assert.Equal("zone.archived", e.Code);
        Assert.Equal(Now, zone.ArchivedAt);
        Assert.Equal(
            "unit.archived",
            Assert
                .Throws<RuleException>(() =>
                {
                    var u = NewUnit();
                    u.Archive("unit", Now);
                    u.Archive("unit", Now);
                })
                .Code
        );
    }

    [Fact]
    public void An_edit_made_on_an_older_version_is_refused()
    {
        var unit = NewUnit();
        unit.Version = 7;
        unit.CheckVersion(null);
        unit.CheckVersion(7);
        Assert.Equal("concurrency", Assert.Throws<RuleException>(() => unit.CheckVersion(6)).Code);
    }

    [Fact]
    public void A_unit_stays_in_its_building()
    {
        var building = Guid.NewGuid();
        var unit = NewUnit(building);
        unit.StayIn(null);
        unit.StayIn(building);
        var e = Assert.Throws<ValidationException>(() => unit.StayIn(Guid.NewGuid()));
        Assert.True(e.Errors.ContainsKey("buildingId"));
    }

    [Fact]
    public void A_units_area_is_kept_to_two_decimals()
    {
        var unit = NewUnit();
        unit.Describe(3, 89.456m, "三室两厅", new(2021, 6, 30), new(2023, 6, 30));
        Assert.Equal((3, 89.46m, "三室两厅"), (unit.Floor!.Value, unit.Area!.Value, unit.UnitType));
        unit.Describe(null, null, null, null, null);
        Assert.Null(unit.Area);
    }

    [Fact]
    public void A_building_moved_to_another_zone_takes_its_units_along()
    {
        var building = new Building { Name = "1幢", ZoneId = Guid.NewGuid() };
        var units = new[] { NewUnit(building.Id), NewUnit(building.Id), NewUnit() };
        var before = units[2].ZoneId;
        var zone = Guid.NewGuid();
        building.MoveToZone(zone, units);
        Assert.Equal(zone, building.ZoneId);
        Assert.All(units.Take(2), u => Assert.Equal(zone, u.ZoneId));
        Assert.Equal(before, units[2].ZoneId); // another building's unit stays
        building.MoveToZone(null, units);
        Assert.Null(units[0].ZoneId);
    }

    [Fact]
    public void A_public_parking_space_belongs_to_no_unit()
    {
        var unit = NewUnit();
        var owner = Guid.NewGuid();
        var space = new ParkingSpace { Code = "B1-001" };
        space.Assign(ParkingKind.Fixed, "地下一层", true, unit, owner);
        Assert.Equal((unit.Id, unit.ZoneId, owner), (space.UnitId!.Value, space.ZoneId, space.HolderPersonId!.Value));
        space.Assign(ParkingKind.Public, null, false, null, owner);
        Assert.Null(space.UnitId);
        Assert.Null(space.HolderPersonId);
        Assert.Null(space.ZoneId);
        var e = Assert.Throws<ValidationException>(() => space.Assign(ParkingKind.Public, null, false, unit, owner));
        Assert.True(e.Errors.ContainsKey("unitId"));
    }

    [Fact]
    public void A_vehicle_moved_to_another_unit_takes_that_units_owner()
    {
        var unit = NewUnit();
        var vehicle = new Vehicle { Plate = "浙H12345" };
        var owner = Guid.NewGuid();
        vehicle.PlaceAt(unit, owner);
        Assert.Equal((unit.Id, unit.ZoneId, owner), (vehicle.UnitId!.Value, vehicle.ZoneId, vehicle.PersonId!.Value));
        vehicle.PlaceAt(unit, Guid.NewGuid()); // the same unit keeps its person
        Assert.Equal(owner, vehicle.PersonId);
    }

    [Fact]
    public void Personal_data_absent_is_kept_empty_is_cleared_and_the_birthday_comes_from_the_id_number()
    {
        var id = "330824198001011236";
        Assert.True(IdNumbers.IsValid(id));
        var person = new Person { Name = "王伟" };
        person.SetPersonalData(" 13812345678 ", id.ToLowerInvariant(), null);
        Assert.Equal("13812345678", person.Phone);
        Assert.Equal(id, person.IdNumber);
        Assert.Equal(new DateOnly(1980, 1, 1), person.Birthday);
        person.SetPersonalData(null, null, new DateOnly(1980, 2, 2));
        Assert.Equal(("13812345678", id, new DateOnly(1980, 2, 2)), (person.Phone, person.IdNumber, person.Birthday!.Value));
        person.SetPersonalData("", " ", null);
        Assert.Null(person.Phone);
        Assert.Null(person.IdNumber);
        Assert.Null(person.Birthday);
    }

    [Fact]
    public void Staff_keep_their_phone_unless_a_new_one_is_typed_and_take_their_teams_vendor()
    {
        var staff = new StaffMember { Name = "李强", Phone = "13912345678" };
        staff.Describe(null, " 班长 ", true);
        Assert.Equal(("13912345678", "班长", true), (staff.Phone, staff.Position, staff.IsLeader));
        staff.Describe("", null, false);
        Assert.Null(staff.Phone);
        var team = new Team { Name = "保洁一组", VendorId = Guid.NewGuid() };
        staff.JoinTeam(team);
        Assert.Equal((team.Id, team.VendorId), (staff.TeamId!.Value, staff.VendorId));
    }

    [Fact]
    public void An_import_is_committed_once()
    {
        var batch = new ImportBatch
        {
            FileName = "a.xlsx",
            Sha256 = "x",
            Status = ImportStatus.Checked,
        };
        batch.EnsureNotCommitted();
        batch.Commit(Now, 1234);
        Assert.Equal((ImportStatus.Committed, Now, 1234), (batch.Status, batch.CommittedAt!.Value, batch.CommitMilliseconds!.Value));
        Assert.Equal("import.already_committed", Assert.Throws<RuleException>(() => batch.Commit(Now, 1)).Code);
        Assert.Equal("import.already_committed", Assert.Throws<RuleException>(batch.EnsureNotCommitted).Code);
    }
}
