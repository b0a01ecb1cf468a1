namespace Wuye.Modules.Staff.Domain;

/// <summary>Why a post's shift of a day is a gap (缺岗).</summary>
internal enum GapReason
{
    /// <summary>Nobody is rostered on it.</summary>
    Empty,

    /// <summary>Only people whose certificate the post requires has lapsed by that day (or who never held one).</summary>
    CertificateLapsed,

    /// <summary>Only people on approved leave that day.</summary>
    OnLeave,
}

/// <summary>
/// A gap the project's managers have been told of (post, shift, day, reason): the gap job leaves it out next time, so each is
/// told once (and again only for another reason).
/// </summary>
internal sealed class RosterGapNotice
{
    public Guid PostId { get; set; }
    public Guid ShiftId { get; set; }
    public DateOnly Day { get; set; }
    public GapReason Reason { get; set; }
    public Guid ProjectId { get; set; }
    public DateTimeOffset ToldAt { get; set; }
}
