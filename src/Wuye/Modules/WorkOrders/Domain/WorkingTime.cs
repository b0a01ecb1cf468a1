using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>
/// Clock arithmetic in China time (UTC+8, no daylight saving): either around the clock, or only
/// inside a project's working hours on its working days, skipping public holidays and counting
/// swapped workdays. A limit of N minutes ends N working minutes after the clock starts.
/// </summary>
internal sealed class WorkingTime : Wuye.Modules.WorkOrders.Contracts.IWorkingDays
{
    public static readonly WorkingTime AroundTheClock = new(null);

    private readonly BusinessCalendar? _cal;
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _extra = [];
    private readonly HashSet<DayOfWeek> _days = [];

    public WorkingTime(BusinessCalendar? calendar)
    {
        _cal = calendar;
        if (calendar is null)
            return;
        _holidays = [.. calendar.Holidays];
        _extra = [.. calendar.ExtraWorkdays];
        foreach (var ch in calendar.WorkingDays)
            if (ch is >= '1' and <= '7')
                _days.Add((DayOfWeek)((ch - '0') % 7));
    }

    /// <summary>The default calendar when a project has none: Monday to Friday, 8:30–17:30.</summary>
    public static BusinessCalendar DefaultCalendar(Guid companyId, Guid projectId) =>
        new() { CompanyId = companyId, ProjectId = projectId };

    public bool IsAroundTheClock => _cal is null;

    public bool IsWorkingDay(DateOnly day) =>
        _cal is null || _extra.Contains(day) || (!_holidays.Contains(day) && _days.Contains(day.DayOfWeek));

    /// <summary>The working window of a local day, or null.</summary>
    private (DateTimeOffset Open, DateTimeOffset Close)? Window(DateOnly day)
    {
        if (!IsWorkingDay(day))
            return null;
        if (_cal is null)
            return (Local(day, TimeOnly.MinValue), Local(day.AddDays(1), TimeOnly.MinValue));
        return (Local(day, _cal.DayStart), Local(day, _cal.DayEnd));
    }

    private static DateTimeOffset Local(DateOnly day, TimeOnly time) => new(day.ToDateTime(time), ChinaTime.Offset);

    /// <summary>When a limit of <paramref name="minutes"/> started at <paramref name="start"/> falls due.</summary>
    /// <exception cref="RuleException">The calendar has too little working time for it within ten years.</exception>
    public DateTimeOffset AddMinutes(DateTimeOffset start, int minutes) =>
        TryAddMinutes(start, minutes)
        ?? throw new RuleException(
            "sla.unreachable",
            "按本项目的工作日历，该时限十年内都不会到期，请检查维护时限表和工作日历",
            "On this project's business calendar the limit would not fall due within ten years; check the time-limit table and the calendar"
        );

    /// <summary>As <see cref="AddMinutes"/>, or null when the limit does not fall due within ten years.</summary>
    public DateTimeOffset? TryAddMinutes(DateTimeOffset start, int minutes)
    {
        if (_cal is null)
            return start.AddMinutes(minutes).ToUniversalTime();
        if (minutes <= 0)
            return start.ToUniversalTime();
        var t = ChinaTime.ToChina(start);
        double left = minutes;
        var day = DateOnly.FromDateTime(t.DateTime);
        for (var guard = 0; guard < 3700; guard++, day = day.AddDays(1))
        {
            if (Window(day) is not { } w)
                continue;
            var from = t > w.Open ? t : w.Open;
            if (from >= w.Close)
                continue;
            var available = (w.Close - from).TotalMinutes;
            if (left <= available)
                return from.AddMinutes(left).ToUniversalTime();
            left -= available;
        }
        return null;
    }

    /// <summary>Clock minutes between two instants (working minutes only, unless around the clock).</summary>
    public int MinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            return 0;
        if (_cal is null)
            return (int)Math.Round((to - from).TotalMinutes);
        var a = ChinaTime.ToChina(from);
        var b = ChinaTime.ToChina(to);
        double total = 0;
        for (var day = DateOnly.FromDateTime(a.DateTime); day <= DateOnly.FromDateTime(b.DateTime); day = day.AddDays(1))
        {
            if (Window(day) is not { } w)
                continue;
            var s = a > w.Open ? a : w.Open;
            var e = b < w.Close ? b : w.Close;
            if (e > s)
                total += (e - s).TotalMinutes;
        }
        return (int)Math.Round(total);
    }

    /// <summary>Length of one working day in minutes (a return visit is due within one).</summary>
    public DateTimeOffset? AddWorkingDays(DateTimeOffset from, int days) => TryAddMinutes(from, days * WorkdayMinutes);

    public int WorkdayMinutes => _cal is null ? 24 * 60 : (int)(_cal.DayEnd - _cal.DayStart).TotalMinutes;
}
