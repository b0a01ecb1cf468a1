using System.Globalization;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

/// <summary>Which CSV column holds each field (by header name); only opened and description are required.</summary>
internal sealed record ImportMapping(
    string? Opened,
    string? Due,
    string? Closed,
    string? Category,
    string? Status,
    string? Unit,
    string? Location,
    string? Description,
    string? Source,
    string? Ref,
    string? Department = null
);

/// <summary>How the export writes a date whose day and month are both numbers.</summary>
internal enum DateOrder
{
    /// <summary>2024-03-04, 2024/3/4 (Chinese systems, ISO).</summary>
    YearFirst,

    /// <summary>03/04/2024 04:12:40 AM is 4 March (US exports).</summary>
    MonthFirst,

    /// <summary>04/03/2024 16:12 is 4 March (European and many other exports).</summary>
    DayFirst,
}

/// <summary>
/// What the user chose for one import: the columns, the date order, the source categories mapped
/// to ours (source text → category, matched without regard to case or surrounding spaces), and
/// where any other category goes (null: such a row is refused and reported).
/// </summary>
internal sealed record ImportOptions(
    ImportMapping Map,
    DateOrder Dates = DateOrder.YearFirst,
    IReadOnlyDictionary<string, RequestCategory>? Categories = null,
    RequestCategory? OtherCategory = null
);

/// <summary>One refused row: the row number in the file (the header is row 1), the field, the text found there, and why.</summary>
internal sealed record ImportProblem(int Row, string Field, string? Value, string Reason);

/// <summary>A category text of the source file, how many rows carry it, and the category of ours it goes to (null: refused).</summary>
internal sealed record SourceCategory(string Text, int Rows, RequestCategory? MappedTo);

/// <summary>
/// What an import (or its check) found. <see cref="Skipped"/> counts every refused row;
/// <see cref="Problems"/> lists the first <see cref="HistoryImport.MaxProblemsListed"/> of them.
/// </summary>
internal sealed record ImportResult(
    int Rows,
    int Imported,
    int Skipped,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Headers,
    IReadOnlyList<SourceCategory> Categories,
    DateOrder Dates
);

/// <summary>Reads the dates of an export in the order the user chose; dates without a zone are China time.</summary>
internal static class ImportDates
{
    private static readonly string[] YearFirst =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy/M/d H:mm:ss",
        "yyyy/M/d H:mm",
        "yyyy-M-d H:mm:ss",
        "yyyy-M-d H:mm",
        "yyyy-MM-dd",
        "yyyy-M-d",
        "yyyy/M/d",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] MonthFirst =
    [
        "M/d/yyyy h:mm:ss tt",
        "M/d/yyyy h:mm tt",
        "M/d/yyyy H:mm:ss",
        "M/d/yyyy H:mm",
        "M/d/yyyy",
        "M-d-yyyy H:mm:ss",
        "M-d-yyyy H:mm",
        "M-d-yyyy",
    ];

    private static readonly string[] DayFirst =
    [
        "d/M/yyyy H:mm:ss",
        "d/M/yyyy H:mm",
        "d/M/yyyy h:mm:ss tt",
        "d/M/yyyy h:mm tt",
        "d/M/yyyy",
        "d.M.yyyy H:mm:ss",
        "d.M.yyyy H:mm",
        "d.M.yyyy",
        "d-M-yyyy H:mm",
        "d-M-yyyy",
    ];

    public static bool TryParse(string? text, DateOrder order, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
            return false;
        var formats = order switch
        {
            DateOrder.MonthFirst => MonthFirst,
            DateOrder.DayFirst => DayFirst,
            _ => YearFirst,
        };
        // Every order also reads the unambiguous ISO forms (a column may be written by another program).
        if (
            !DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            && (
                order == DateOrder.YearFirst
                || !DateTime.TryParseExact(text, YearFirst, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out local)
            )
        )
            return false;
        if (!InputText.IsSaneDate(DateOnly.FromDateTime(local)))
            return false;
        value = new DateTimeOffset(local, ChinaTime.Offset).ToUniversalTime();
        return true;
    }

    /// <summary>
    /// The order the sample's dates must be in: a first number over 12 (31/01/2024) means day first,
    /// a second one over 12 (01/31/2024) month first, a four-digit start year first. Null when the
    /// sample cannot tell (every date like 01/02/2024): then the user must say.
    /// </summary>
    public static DateOrder? Guess(IEnumerable<string> sample)
    {
        bool dayFirst = false,
            monthFirst = false,
            yearFirst = false;
        foreach (var s in sample)
        {
            var m = System.Text.RegularExpressions.Regex.Match(s.Trim(), @"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ T]|$)");
            if (!m.Success)
                continue;
            if (m.Groups[1].Value.Length == 4)
            {
                yearFirst = true;
                continue;
            }
            if (m.Groups[3].Value.Length != 4)
                continue;
            var a = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            dayFirst |= a > 12 && b <= 12;
            monthFirst |= b > 12 && a <= 12;
        }
        return (yearFirst, monthFirst, dayFirst) switch
        {
            (_, true, false) => DateOrder.MonthFirst,
            (_, false, true) => DateOrder.DayFirst,
            (true, false, false) => DateOrder.YearFirst,
            _ => null,
        };
    }

    public static string Name(DateOrder order) =>
        order switch
        {
            DateOrder.MonthFirst => Loc.T(
                "月/日/年（美国，如 01/31/2015 04:12:40 AM）",
                "Month/day/year (US, e.g. 01/31/2015 04:12:40 AM)"
            ),
            DateOrder.DayFirst => Loc.T("日/月/年（如 31/01/2015 16:12）", "Day/month/year (e.g. 31/01/2015 16:12)"),
            _ => Loc.T("年-月-日（如 2015-01-31 16:12）", "Year-month-day (e.g. 2015-01-31 16:12)"),
        };
}
