using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

public enum ComplaintChannel { FrontDesk, Hotline, Portal, Staff, ManagementMailbox }
public enum ComplaintCategory { Repairs, Cleaning, Security, Greening, Parking, Noise, Fees, StaffAttitude, Renovation, Facilities, Other }
public enum ComplaintStatus { Open, Closed }
/// <summary>重大投诉: 群诉 (a group of owners), safety, or one the media has taken up.</summary>
public enum MajorKind { Group, Safety, Media }
public enum ComplaintEventKind { Received, Linked, Reassigned, Postponed, Escalated, FollowedUp, Closed, Visited, Reopened }

/// <summary>
/// 投诉. Whoever receives it owns it (首问责任制, <see cref="OwnerStaffId"/>) until the complainant
/// is satisfied, even when other departments do the work; only a manager changes the owner of
/// record. The figures the metrics read (reply on time, postponed, reopened, satisfaction) are
/// kept on the record by the use cases that change them.
/// </summary>
public sealed class Complaint : Entity, IScoped
{
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
    [Wuye.Platform.Audit.Sensitive] public string? ComplainantPhone { get; set; }
    public Guid? ComplainantUserId { get; set; }
    public bool Effective { get; set; } = true;
    public string? IneffectiveReason { get; set; }
    public bool Vip { get; set; }
    public MajorKind? Major { get; set; }
    /// <summary>Department codes (see <see cref="Departments"/>).</summary>
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

/// <summary>One line of a complaint's timeline.</summary>
public sealed class ComplaintEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ComplaintId { get; set; }
    /// <summary>Orders steps saved in the same instant (EF Core inserts by key, not in the order added).</summary>
    public long Seq { get; set; } = NextSeq();
    private static long _seq = DateTime.UtcNow.Ticks;
    private static long NextSeq() => Interlocked.Increment(ref _seq);
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public ComplaintEventKind Kind { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A project's complaint rules: the promised reply time in working days, when the daily review runs, and the
/// escalation ladder for VIP and major complaints (project manager, then company management).
/// A project without a row uses <see cref="Defaults"/>.
/// </summary>
public sealed class ComplaintSettings : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary>Working days on the project's business calendar (工作日), not calendar days.</summary>
    public int ReplyDays { get; set; } = 2;
    public TimeOnly ReviewTime { get; set; } = new(8, 30);
    /// <summary>Hours after receipt before a VIP/major complaint goes to the project manager (0 = at once).</summary>
    public int ProjectManagerAfterHours { get; set; }
    /// <summary>Hours after receipt before a VIP/major complaint still open goes to company management.</summary>
    public int CompanyAfterHours { get; set; } = 24;

    public static ComplaintSettings Defaults(Guid companyId, Guid projectId) => new() { CompanyId = companyId, ProjectId = projectId };
}

/// <summary>An escalation already raised for one complaint at one level; its unique key keeps the job idempotent.</summary>
public sealed class ComplaintEscalation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ComplaintId { get; set; }
    public int Level { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>每日盘点: one project's open complaints as they stood on the morning of one day.</summary>
public sealed class DailyReview : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public DateOnly ReviewDate { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public int OpenCount { get; set; }
    public int OverdueCount { get; set; }
    public int MissingRootCauseCount { get; set; }
}

/// <summary>One open complaint in a daily review.</summary>
public sealed class DailyReviewLine : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid DailyReviewId { get; set; }
    public Guid ComplaintId { get; set; }
    public required string Number { get; set; }
    public ComplaintCategory Category { get; set; }
    public required string Description { get; set; }
    public required string OwnerStaffName { get; set; }
    public bool Vip { get; set; }
    public MajorKind? Major { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset ReplyDueAt { get; set; }
    public int AgeDays { get; set; }
    public bool Overdue { get; set; }
    public string? RootCause { get; set; }
    public string? NextStep { get; set; }
    /// <summary>Past its promise and nobody has found the root cause yet.</summary>
    public bool MissingRootCause { get; set; }
}

/// <summary>
/// 投诉回复口径: a question and the agreed answer. Editing makes a new version of the same
/// script (<see cref="ScriptId"/>); only the current one is suggested, the others are its history.
/// </summary>
public sealed class ReplyScript : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    /// <summary>Null: for every project of the company.</summary>
    public Guid? ProjectId { get; set; }
    public Guid ScriptId { get; set; }
    public int VersionNo { get; set; }
    public bool IsCurrent { get; set; }
    public ComplaintCategory Category { get; set; }
    public required string Question { get; set; }
    public required string Answer { get; set; }
    public string? EditedByName { get; set; }
    public string? ChangeNote { get; set; }
}

/// <summary>
/// A department a complaint can concern, as one company names it (its code is stored on the
/// complaint). A company with no rows uses <see cref="Departments.All"/>; its first change writes
/// those defaults as its own rows. Retired departments are archived: old complaints keep their name.
/// </summary>
public sealed class ComplaintDepartment : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>The default departments of a company that has not set its own (codes stored on the complaint).</summary>
public static class Departments
{
    public static readonly IReadOnlyList<(string Code, string Zh, string En)> All =
    [
        ("customer_service", "客服部", "Customer service"), ("engineering", "工程部", "Engineering"), ("security", "秩序部", "Security"),
        ("cleaning", "环境部（保洁）", "Cleaning"), ("greening", "环境部（绿化）", "Greening"), ("finance", "财务部", "Finance"),
        ("management", "管理处", "Management office"),
    ];

    public static string Name(string code) => All.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? Wuye.Platform.Web.Loc.T(d.Zh, d.En) : code;
}
