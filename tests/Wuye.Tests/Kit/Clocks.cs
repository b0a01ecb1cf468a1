using Microsoft.Extensions.Time.Testing;

namespace Wuye.Tests.Kit;

/// <summary>
/// The tests' clock is <see cref="FakeTimeProvider"/>, registered as the app's TimeProvider
/// (<see cref="WuyeApp.Clock"/>). Start it at the earliest moment the test needs and move it forward
/// only (<c>SetUtcNow</c>, <c>Advance</c>): it refuses to go back, as time does.
/// </summary>
public static class Clocks
{
    /// <summary>A local (UTC+8) wall-clock time in China.</summary>
    public static DateTimeOffset China(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    /// <summary>Starts at <paramref name="start"/>, kept in UTC (Npgsql writes timestamptz only at offset 0).</summary>
    public static FakeTimeProvider At(DateTimeOffset start) => new(start.ToUniversalTime());

    /// <summary>Starts at the real time, so the demo data's dates (made with the real clock) still make sense.</summary>
    public static FakeTimeProvider Now() => new(DateTimeOffset.UtcNow);
}
