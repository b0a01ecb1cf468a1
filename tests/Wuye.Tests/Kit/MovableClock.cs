namespace Wuye.Tests.Kit;

/// <summary>A clock the test sets and moves; registered as the app's TimeProvider.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    public void Advance(TimeSpan by) => Now += by;

    /// <summary>A local (UTC+8) wall-clock time in China.</summary>
    public static DateTimeOffset China(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));
}
