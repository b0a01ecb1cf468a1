using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>
/// A plan's recurrence as an iCalendar RRULE (RFC 5545), expanded by Ical.Net over whole days: dates are floating (no time zone),
/// so China time, which has no daylight saving, needs no conversion. Month ends follow the RFC: BYMONTHDAY=31 skips short months,
/// BYMONTHDAY=-1 is each month's last day (29 February in a leap year).
/// </summary>
internal static class Recurrence
{
    private static readonly string[] Allowed = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];

    /// <summary>Null when <paramref name="rule"/> is a rule we expand (daily to yearly), else why not (zh, en).</summary>
    public static (string Zh, string En)? Problem(string rule)
    {
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
            text = text[6..];
        var freq = text.Split(';')
            .Select(p => p.Split('=', 2))
            .FirstOrDefault(p => p.Length == 2 && p[0].Equals("FREQ", StringComparison.OrdinalIgnoreCase))
            ?[1].ToUpperInvariant();
        if (freq is null || !Allowed.Contains(freq))
            return (
                "重复规则须为按日、周、月或年（FREQ=DAILY/WEEKLY/MONTHLY/YEARLY）",
                "The rule must repeat daily, weekly, monthly or yearly"
            );
        try
        {
            _ = new RecurrencePattern(text);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return ("重复规则格式不正确（iCalendar RRULE）", "The rule is not a valid iCalendar RRULE");
        }
    }

    /// <summary>The rule's dates in [<paramref name="from"/>, <paramref name="to"/>], counted from <paramref name="start"/>.</summary>
    public static IEnumerable<DateOnly> Dates(string rule, DateOnly start, DateOnly from, DateOnly to)
    {
        if (to < from || to < start)
            yield break;
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase))
            text = text[6..];
        var ev = new CalendarEvent
        {
            DtStart = new CalDateTime(start.Year, start.Month, start.Day),
            RecurrenceRule = new RecurrencePattern(text),
        };
        var first = from > start ? from : start;
        var end = to.AddDays(1);
        foreach (
            var o in ev.GetOccurrences(new CalDateTime(first.Year, first.Month, first.Day))
                .TakeWhileBefore(new CalDateTime(end.Year, end.Month, end.Day))
        )
        {
            var d = o.Period.StartTime.Date;
            if (d >= first && d <= to)
                yield return d;
        }
    }

    /// <summary>A schedule's due dates in [<paramref name="from"/>, <paramref name="to"/>]: the rule's dates from <paramref name="start"/>,
    /// each moved to the next working day when <paramref name="skipNonWorkingDays"/> (maintenance plans and environment schedules
    /// share this one engine).</summary>
    public static IEnumerable<DateOnly> Due(
        string rule,
        DateOnly start,
        bool skipNonWorkingDays,
        DateOnly from,
        DateOnly to,
        Func<DateOnly, bool>? isWorkingDay
    )
    {
        var dates = Dates(rule, start, from, to);
        if (!skipNonWorkingDays || isWorkingDay is null)
            return dates;
        return dates.Select(d => OnWorkingDay(d, isWorkingDay)).Distinct();
    }

    /// <summary>The first working day on or after <paramref name="day"/> (within 60 days), else <paramref name="day"/> itself.</summary>
    public static DateOnly OnWorkingDay(DateOnly day, Func<DateOnly, bool> isWorkingDay)
    {
        for (var d = day; d < day.AddDays(60); d = d.AddDays(1))
            if (isWorkingDay(d))
                return d;
        return day;
    }
}
