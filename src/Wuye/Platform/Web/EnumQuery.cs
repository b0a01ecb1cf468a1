namespace Wuye.Platform.Web;

/// <summary>
/// An enum in a query string, matched without regard to case, so ?status=pending works as the
/// JSON spelling (camelCase) suggests; numbers and unknown names answer 400.
/// </summary>
public readonly record struct EnumQuery<T>(T Value)
    where T : struct, Enum
{
    public static bool TryParse(string? text, out EnumQuery<T> result)
    {
        result = default;
        if (
            string.IsNullOrWhiteSpace(text)
            || char.IsDigit(text.Trim()[0])
            || !Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value)
        )
            return false;
        result = new EnumQuery<T>(value);
        return true;
    }
}
