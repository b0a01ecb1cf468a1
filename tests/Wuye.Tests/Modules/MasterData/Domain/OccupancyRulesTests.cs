using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.MasterData.Domain;

/// <summary>A person's link to a unit: linked once per relation, changed, ended on its last day and never deleted. No database.</summary>
public sealed class OccupancyRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Unit NewUnit() =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            ZoneId = Guid.NewGuid(),
            BuildingId = Guid.NewGuid(),
            Number = "101",
        };

    [Fact]
    public void A_new_link_copies_the_units_place_and_trims_the_kinship()
    {
        var unit = NewUnit();
        var person = Guid.NewGuid();
        var link = UnitOccupant.Link(null, unit, person, OccupantRelation.Family, " 子女 ", Today, null, Today);
        Assert.Equal(
            (unit.CompanyId, unit.ProjectId, unit.ZoneId, unit.Id, person),
            (link.CompanyId, link.ProjectId, link.ZoneId, link.UnitId, link.PersonId)
        );
        Assert.Equal(OccupantRelation.Family, link.Relation);
        Assert.Equal("子女", link.Kinship);
        Assert.Equal(Today, link.Since);
        Assert.Null(link.Until);
    }

    [Fact]
    public void A_current_link_of_the_same_relation_is_a_duplicate()
    {
        var unit = NewUnit();
        var current = UnitOccupant.Link(null, unit, Guid.NewGuid(), OccupantRelation.Owner, null, null, null, Today);
        var e = Assert.Throws<RuleException>(() =>
            UnitOccupant.Link(current, unit, current.PersonId, OccupantRelation.Owner, null, null, null, Today)
        );
        Assert.Equal("occupant.duplicate", e.Code);
        // Ending today still holds today: the link is current until its last day has passed.
        current.Until = Today;
        Assert.Equal(
            "occupant.duplicate",
            Assert
                .Throws<RuleException>(() =>
                    UnitOccupant.Link(current, unit, current.PersonId, OccupantRelation.Owner, null, null, null, Today)
                )
                .Code
        );
    }

    [Fact]
    public void An_ended_link_comes_back_with_the_new_dates_on_the_same_row()
    {
        var unit = NewUnit();
        var ended = UnitOccupant.Link(null, unit, Guid.NewGuid(), OccupantRelation.Tenant, null, new(2025, 1, 1), new(2025, 12, 31), Today);
        var again = UnitOccupant.Link(
            ended,
            unit,
            ended.PersonId,
            OccupantRelation.Tenant,
            null,
            new(2026, 12, 1),
            new(2027, 11, 30),
            Today
        );
        Assert.Same(ended, again);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2027, 11, 30)), (again.Since, again.Until));
    }

    [Fact]
    public void A_link_ends_on_its_last_day_and_is_kept()
    {
        var link = UnitOccupant.Link(null, NewUnit(), Guid.NewGuid(), OccupantRelation.Tenant, null, new(2026, 1, 1), null, Today);
        link.End(Today, Today);
        Assert.Equal(Today, link.Until);
        Assert.True(link.IsCurrent(Today));
        Assert.False(link.IsCurrent(Today.AddDays(1)));
    }

    [Fact]
    public void A_link_that_has_ended_cannot_be_ended_again()
    {
        var link = UnitOccupant.Link(null, NewUnit(), Guid.NewGuid(), OccupantRelation.Tenant, null, null, new(2026, 10, 31), Today);
        var e = Assert.Throws<RuleException>(() => link.End(Today, Today));
        Assert.Equal("occupant.ended", e.Code);
        Assert.Contains("2026-10-31", e.Text.En);
        Assert.Equal(new DateOnly(2026, 10, 31), link.Until);
    }

    [Fact]
    public void A_link_cannot_end_before_it_began()
    {
        var link = UnitOccupant.Link(null, NewUnit(), Guid.NewGuid(), OccupantRelation.Tenant, null, new(2026, 12, 1), null, Today);
        var e = Assert.Throws<ValidationException>(() => link.End(new(2026, 11, 30), Today));
        Assert.True(e.Errors.ContainsKey("until"));
        Assert.Null(link.Until);
    }

    [Fact]
    public void Kinship_is_kept_for_family_members_only()
    {
        var link = UnitOccupant.Link(null, NewUnit(), Guid.NewGuid(), OccupantRelation.Family, "配偶", null, null, Today);
        link.Change(OccupantRelation.Family, " 父母 ", null, null);
        Assert.Equal("父母", link.Kinship);
        link.Change(OccupantRelation.Tenant, "父母", new(2026, 1, 1), new(2026, 12, 31));
        Assert.Null(link.Kinship);
        Assert.Equal(
            (OccupantRelation.Tenant, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
            (link.Relation, link.Since!.Value, link.Until!.Value)
        );
        link.Change(OccupantRelation.Family, "  ", null, null);
        Assert.Null(link.Kinship);
    }
}
