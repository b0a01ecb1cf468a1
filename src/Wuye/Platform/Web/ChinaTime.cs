namespace Wuye.Platform.Web;

/// <summary>China Standard Time (UTC+8, no daylight saving): dates, months and "today" as staff see them.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>The instant as China time.</summary>
    public static DateTimeOffset ToChina(DateTimeOffset t) => t.ToOffset(Offset);

    /// <summary>The start of a China calendar day, as an instant (in UTC, as PostgreSQL's timestamptz takes it).</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The China calendar month of an instant as yyyyMM (202611).</summary>
    public static int Month(DateTimeOffset t)
    {
        var l = ToChina(t);
        return l.Year * 100 + l.Month;
    }

    /// <summary>A datetime-local input read as China time; the instant in UTC, as PostgreSQL's timestamptz takes it.</summary>
    public static DateTimeOffset? FromInput(DateTime? local) =>
        local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), Offset).ToUniversalTime() : null;

    /// <summary>"2026-11-30 14:05" in China time; "—" for no time.</summary>
    public static string Text(DateTimeOffset? t) => t is { } x ? ToChina(x).ToString("yyyy-MM-dd HH:mm") : "—";
}
