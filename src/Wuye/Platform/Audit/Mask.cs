namespace Wuye.Platform.Audit;

/// <summary>
/// Phone and ID numbers as shown to everyone who has not asked (and been allowed) to see them in
/// full: lists, exports and the change log all mask through here.
/// </summary>
public static class Mask
{
    /// <summary>138****1234; stars for anything shorter than 7.</summary>
    public static string? Phone(string? phone) =>
        phone is null ? null
        : phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..]
        : new string('*', phone.Length);

    /// <summary>330824********1234; stars for anything shorter than 10.</summary>
    public static string? IdNumber(string? id) =>
        id is null ? null
        : id.Length >= 10 ? id[..6] + new string('*', id.Length - 10) + id[^4..]
        : new string('*', id.Length);

    /// <summary>A value of unknown kind: ID-number style from 15 characters, phone style from 7, stars below.</summary>
    public static string Any(string value) => value.Length >= 15 ? IdNumber(value)! : Phone(value)!;
}
