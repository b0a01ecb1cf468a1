using System.Globalization;
using System.Text.RegularExpressions;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>A rating period: a half-year ("2026H1", "2026H2") or a year ("2026"), China calendar dates.</summary>
internal sealed partial record RatingPeriod(string Code, DateOnly Start, DateOnly End)
{
    public static RatingPeriod? Parse(string? code)
    {
        var m = code is null ? null : CodeRe().Match(code.Trim().ToUpperInvariant());
        if (m is null || !m.Success)
            return null;
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100)
            return null;
        return m.Groups[2].Value switch
        {
            "H1" => new($"{year}H1", new(year, 1, 1), new(year, 6, 30)),
            "H2" => new($"{year}H2", new(year, 7, 1), new(year, 12, 31)),
            _ => new($"{year}", new(year, 1, 1), new(year, 12, 31)),
        };
    }

    public RatingPeriodKind Kind => Code.Contains('H') ? RatingPeriodKind.HalfYear : RatingPeriodKind.Year;

    /// <summary>The period of this kind that contains <paramref name="day"/>.</summary>
    public static RatingPeriod Containing(RatingPeriodKind kind, DateOnly day) =>
        Parse(kind == RatingPeriodKind.Year ? $"{day.Year}" : $"{day.Year}H{(day.Month <= 6 ? 1 : 2)}")!;

    /// <summary>The last period of this kind that has ended before <paramref name="today"/>.</summary>
    public static RatingPeriod LastEnded(RatingPeriodKind kind, DateOnly today) =>
        Containing(kind, Containing(kind, today).Start.AddDays(-1));

    public RatingPeriod Previous() => Containing(Kind, Start.AddDays(-1));

    [GeneratedRegex(@"^(\d{4})(H1|H2)?$")]
    private static partial Regex CodeRe();
}
