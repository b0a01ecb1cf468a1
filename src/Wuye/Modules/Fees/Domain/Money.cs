namespace Wuye.Modules.Fees.Domain;

/// <summary>How an amount is brought to the fen (分): half up (四舍五入) or down (舍去).</summary>
internal enum RoundingRule
{
    HalfUp,
    Down,
}

/// <summary>Money is decimal to the fen; never floating point.</summary>
internal static class Money
{
    public static decimal Round(decimal amount, RoundingRule rule = RoundingRule.HalfUp) =>
        Math.Round(amount, 2, rule == RoundingRule.Down ? MidpointRounding.ToZero : MidpointRounding.AwayFromZero);

    public static string Text(decimal amount) => amount.ToString("#,##0.00");
}

/// <summary>A billing period: the month as yyyyMM (202612), in China time.</summary>
internal static class Periods
{
    public static int Of(DateOnly day) => day.Year * 100 + day.Month;

    public static bool IsValid(int period) => period / 100 is >= 2000 and <= 2100 && period % 100 is >= 1 and <= 12;

    public static DateOnly FirstDay(int period) => new(period / 100, period % 100, 1);

    public static DateOnly LastDay(int period) => FirstDay(period).AddMonths(1).AddDays(-1);

    public static int Next(int period) => Of(FirstDay(period).AddMonths(1));

    public static int Previous(int period) => Of(FirstDay(period).AddMonths(-1));

    public static string Text(int period) => $"{period / 100}-{period % 100:D2}";

    /// <summary>"2026-12" or "202612".</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var digits = text.Replace("-", "").Trim();
        return digits.Length == 6 && int.TryParse(digits, out var p) && IsValid(p) ? p : null;
    }
}
