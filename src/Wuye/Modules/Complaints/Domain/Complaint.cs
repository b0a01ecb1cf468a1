using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

internal enum ComplaintChannel
{
    FrontDesk,
    Hotline,
    Portal,
    Staff,
    ManagementMailbox,
}

internal enum ComplaintCategory
{
    Repairs,
    Cleaning,
    Security,
    Greening,
    Parking,
    Noise,
    Fees,
    StaffAttitude,
    Renovation,
    Facilities,
    Other,
}

internal enum ComplaintStatus
{
    Open,
    Closed,
}

/// <summary>重大投诉: 群诉 (a group of owners), safety, or one the media has taken up.</summary>
internal enum MajorKind
{
    Group,
    Safety,
    Media,
}

internal enum ComplaintEventKind
{
    Received,
    Linked,
    Reassigned,
    Postponed,
    Escalated,
    FollowedUp,
    Closed,
    Visited,
    Reopened,
}

/// <summary>
/// 投诉. Whoever receives it owns it (首问责任制, <see cref="OwnerStaffId"/>) until the complainant
/// is satisfied, even when other departments do the work; only a manager changes the owner of
/// record. The figures the metrics read (reply on time, postponed, reopened, satisfaction) are
/// kept on the record by its state changes (Complaint.Rules.cs), each of which checks its rule.
/// </summary>
internal sealed partial class Complaint : Entity, IScoped
{
    /// <summary>The latest a reply may be promised, postponed or not: this many days after receipt.</summary>
    public const int LongestReplyDays = 30;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid? BuildingId { get; set; }
    public required string Number { get; set; }
    public ComplaintChannel Channel { get; set; }
    public ComplaintCategory Category { get; set; }
    public required string Description { get; set; }

    /// <summary>The owner (person) complaining, when known to the register.</summary>
    public Guid? PersonId { get; set; }
    public required string ComplainantName { get; set; }

    [Wuye.Platform.Audit.Sensitive]
    public string? ComplainantPhone { get; set; }
    public Guid? ComplainantUserId { get; set; }
    public bool Effective { get; set; } = true;
    public string? IneffectiveReason { get; set; }
    public bool Vip { get; set; }
    public MajorKind? Major { get; set; }

    /// <summary>Department codes (see <see cref="Domain.Departments"/>).</summary>
    public string[] Departments { get; set; } = [];

    /// <summary>Service requests (报事报修) through which other departments do the work.</summary>
    public Guid[] ServiceRequestIds { get; set; } = [];
    public Guid ReceivedByUserId { get; set; }
    public required string ReceivedByName { get; set; }
    public Guid OwnerStaffId { get; set; }
    public required string OwnerStaffName { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>yyyyMM of <see cref="ReceivedAt"/> in China time, for monthly figures.</summary>
    public int ReceivedMonth { get; set; }

    /// <summary>The reply promised to the complainant (moved once by a postponement).</summary>
    public DateTimeOffset ReplyDueAt { get; set; }
    public DateTimeOffset? PostponedAt { get; set; }
    public string? PostponeReason { get; set; }

    /// <summary>0 = not escalated, 1 = project manager, 2 = company management.</summary>
    public int EscalationLevel { get; set; }
    public string? RootCause { get; set; }
    public string? NextStep { get; set; }
    public ComplaintStatus Status { get; set; }
    public string? Resolution { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>First closure: the reply to the complainant. On time when by <see cref="ReplyDueAt"/>.</summary>
    public DateTimeOffset? RepliedAt { get; set; }
    public bool? RepliedOnTime { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    public bool? Satisfied { get; set; }
    public string? VisitComment { get; set; }
    public int ReopenCount { get; set; }
}
