namespace Wuye.Platform.Audit;

/// <summary>
/// Personal data (phone, ID number) that the change log keeps masked, as lists and exports show
/// it: the full value is only ever read through an audited reveal.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute
{
    /// <summary>138****1234 for phones, 330824********1234 for ID numbers, stars for anything short.</summary>
    public static string Mask(string value) => value.Length switch
    {
        >= 15 => value[..6] + new string('*', value.Length - 10) + value[^4..],
        >= 7 => value[..3] + new string('*', value.Length - 7) + value[^4..],
        _ => new string('*', value.Length),
    };
}
