using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// The window every date a person enters in the Inspections module must fall in: a deadline, a second
/// verification, a check date, a plan's or an audit's month, a campaign's start. A year either side of
/// today (China time) covers every real plan; a mistyped 2999-12-31 would leave a notice that never closes.
/// </summary>
internal static class DateWindow
{
    public const int Days = 366;

    public static DateOnly Earliest(DateOnly today) => today.AddDays(-Days);

    public static DateOnly Latest(DateOnly today) => today.AddDays(Days);

    /// <summary>A date from today to a year ahead (deadlines, verification dates).</summary>
    public static Validator Ahead(this Validator v, string field, DateOnly? value, DateOnly today, string labelZh, string labelEn) =>
        Within(v, field, value, today, Latest(today), labelZh, labelEn);

    /// <summary>A date from a year back to today (a check already made).</summary>
    public static Validator Back(this Validator v, string field, DateOnly? value, DateOnly today, string labelZh, string labelEn) =>
        Within(v, field, value, Earliest(today), today, labelZh, labelEn);

    /// <summary>A date within a year either side of today (a campaign's start, a plan's month).</summary>
    public static Validator Around(this Validator v, string field, DateOnly? value, DateOnly today, string labelZh, string labelEn) =>
        Within(v, field, value, Earliest(today), Latest(today), labelZh, labelEn);

    /// <summary>A month (its first day) whose days touch the window a year either side of today.</summary>
    public static Validator Month(this Validator v, string field, DateOnly? month, DateOnly today, string labelZh, string labelEn)
    {
        if (month is not { } m)
            return v;
        var first = new DateOnly(Earliest(today).Year, Earliest(today).Month, 1);
        var last = new DateOnly(Latest(today).Year, Latest(today).Month, 1);
        if (m < first || m > last)
            v.Add(
                field,
                $"{labelZh}应在 {first:yyyy-MM} 到 {last:yyyy-MM} 之间",
                $"{labelEn} must be between {first:yyyy-MM} and {last:yyyy-MM}"
            );
        return v;
    }

    private static Validator Within(Validator v, string field, DateOnly? value, DateOnly from, DateOnly to, string labelZh, string labelEn)
    {
        if (value is { } d && (d < from || d > to))
            v.Add(
                field,
                $"{labelZh}应在 {from:yyyy-MM-dd} 到 {to:yyyy-MM-dd} 之间",
                $"{labelEn} must be between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}"
            );
        return v;
    }
}
