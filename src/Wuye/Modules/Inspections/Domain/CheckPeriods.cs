namespace Wuye.Modules.Inspections.Domain;

/// <summary>The periods checks of each frequency belong to (China dates).</summary>
internal static class CheckPeriods
{
    /// <summary>The first day of the period a check of this frequency belongs to.</summary>
    public static DateOnly Start(CheckFrequency f, DateOnly d) =>
        f switch
        {
            CheckFrequency.Daily => d,
            CheckFrequency.Weekly => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)),
            // Two checks a month: the 1st–15th and the 16th–end.
            CheckFrequency.Biweekly => new DateOnly(d.Year, d.Month, d.Day <= 15 ? 1 : 16),
            CheckFrequency.Monthly => new DateOnly(d.Year, d.Month, 1),
            CheckFrequency.Quarterly => new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1),
            CheckFrequency.Semiannual => new DateOnly(d.Year, d.Month <= 6 ? 1 : 7, 1),
            _ => new DateOnly(d.Year, 1, 1),
        };
}
