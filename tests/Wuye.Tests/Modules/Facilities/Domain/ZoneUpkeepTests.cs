using Wuye.Modules.Facilities.Domain;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>A zone's upkeep figures from its assets' outages, by hand, and the ranking of zones.</summary>
public sealed class ZoneUpkeepTests
{
    private static DateTimeOffset China(int mo, int d, int h) => new(2026, mo, d, h, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_zones_faults_fixes_and_intactness_are_counted_in_the_month_and_zones_ranked()
    {
        var (a1, a2, b1, other) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Outage[] outages =
        [
            new(a1, China(3, 2, 0), China(3, 2, 10)), // reported and fixed in March: 10 h
            new(a1, China(2, 20, 0), China(3, 1, 6)), // reported in February, fixed in March: 222 h, 6 of them in March
            new(a2, China(3, 31, 12), null), // still open at the month's end: 12 h
            new(other, China(3, 5, 0), null), // another zone's asset
            new(a2, China(4, 2, 0), null), // after the month
        ];
        var (from, to) = (China(3, 1, 0), China(4, 1, 0));
        var a = ZoneUpkeep.Of(Guid.NewGuid(), "A", [a1, a2], outages, from, to);
        Assert.Equal(2, a.Assets);
        Assert.Equal(2, a.FaultsReported);
        Assert.Equal(1, a.OpenFaults);
        Assert.Equal(2, a.Fixed);
        Assert.Equal(116.0, a.AverageFixHours);
        Assert.Equal(28.0, a.DownHours);
        Assert.Equal(98.12m, a.Rate); // (2 × 744 − 28) / (2 × 744)

        var b = ZoneUpkeep.Of(Guid.NewGuid(), "B", [b1], outages, from, to);
        var c = ZoneUpkeep.Of(null, "C", [], outages, from, to);
        Assert.Equal((0, 0, 0, (double?)null, 100m), (b.FaultsReported, b.OpenFaults, b.Fixed, b.AverageFixHours, b.Rate));
        var ranked = ZoneUpkeep.Rank([a, c, b]);
        Assert.Equal(["B", "C", "A"], ranked.Select(l => l.Name));
        Assert.Equal([1, 2, 3], ranked.Select(l => l.Rank));

        // Same intactness: fewer open faults first, then the shorter average fix.
        var slow = a with { Name = "S", OpenFaults = 0, AverageFixHours = 50 };
        var fast = a with { Name = "T", OpenFaults = 0, AverageFixHours = 5 };
        Assert.Equal(["T", "S", "A"], ZoneUpkeep.Rank([a, slow, fast]).Select(l => l.Name));
    }
}
