namespace Wuye.Modules.MasterData.Domain;

/// <summary>Mainland resident ID numbers (GB 11643) with a valid check digit.</summary>
internal static class IdNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    public static string Make(Random rng)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(rng.Next(0, 365 * 55));
        var body = $"330824{birth:yyyyMMdd}{rng.Next(0, 1000):D3}";
        return body + CheckDigit(body);
    }

    public static char CheckDigit(string first17) => CheckChars[first17.Select((c, i) => (c - '0') * Weights[i]).Sum() % 11];

    public static DateOnly? Birthday(string id) =>
        id.Length == 18 && DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", out var d) ? d : null;

    public static bool IsValid(string id) =>
        id.Length == 18
        && id[..17].All(char.IsAsciiDigit)
        && char.ToUpperInvariant(id[17]) == CheckDigit(id[..17])
        && DateOnly.TryParseExact(id.Substring(6, 8), "yyyyMMdd", out _);
}
