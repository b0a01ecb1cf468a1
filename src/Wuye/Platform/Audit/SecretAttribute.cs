namespace Wuye.Platform.Audit;

/// <summary>
/// A value the change log never shows in any part (a hidden token's place and code, which the guard must find, not read in the
/// record's history): kept as stars of a fixed length, whatever the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute
{
    public const string Shown = "******";
}
