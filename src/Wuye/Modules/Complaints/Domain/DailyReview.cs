using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>每日盘点: one project's open complaints as they stood on the morning of one day.</summary>
internal sealed class DailyReview : Entity, IScoped
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
internal sealed class DailyReviewLine : Entity, IScoped
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
