namespace Wuye.Platform.Audit;

/// <summary>
/// Personal data (phone, ID number) that the change log keeps masked, as lists and exports show
/// it: the full value is only ever read through an audited reveal.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute { }
