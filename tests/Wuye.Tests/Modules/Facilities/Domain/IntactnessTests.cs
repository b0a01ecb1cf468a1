using Wuye.Modules.Facilities.Domain;

namespace Wuye.Tests.Modules.Facilities.Domain;

/// <summary>Intactness hours: clipping to the month, overlapping faults of one asset counted once, open faults to the
/// period's end.</summary>
public sealed class IntactnessTests
{
    private static readonly DateTimeOffset From = new(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset To = From.AddMonths(1);
    private static readonly Guid A = Guid.NewGuid(),
        B = Guid.NewGuid();

    [Fact]
    public void Overlapping_faults_count_once_and_faults_are_clipped_to_the_period()
    {
        var down = Intactness.DownHours(
            [
                new(A, From.AddHours(10), From.AddHours(20)),
                new(A, From.AddHours(15), From.AddHours(30)),
                new(A, From.AddHours(40), From.AddHours(41)),
                new(B, From.AddDays(-2), From.AddHours(6)),
                new(B, To.AddHours(-4), null),
                new(B, To.AddHours(1), null),
            ],
            From,
            To
        );
        Assert.Equal(21, down[A], 6);
        Assert.Equal(10, down[B], 6);
    }

    [Fact]
    public void The_rate_is_available_over_total_asset_hours()
    {
        // March has 744 hours; 10 assets and 74.4 hours down is 99%.
        Assert.Equal(99m, Intactness.Rate(10, 74.4, From, To));
        Assert.Equal(100m, Intactness.Rate(0, 0, From, To));
        Assert.Equal(50m, Intactness.Rate(1, 372, From, To));
    }
}
