using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Contracts;

/// <summary>A complaint as a regulator's figures count it: whose, when received, whether effective (有效投诉), by when the reply
/// is due and whether (and when) it was closed (no complainant, no text).</summary>
public sealed class ComplaintHandlingRef
{
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public bool Effective { get; init; }
    public bool Closed { get; init; }
    public DateTimeOffset ReplyDueAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The first closure (the reply to the complainant): kept when the complaint is reopened.</summary>
    public DateTimeOffset? RepliedAt { get; init; }
}

/// <summary>The view, read off the shared context (it composes into the reader's query and keeps its scope).</summary>
public static class ComplaintHandlingReads
{
    /// <summary>The latest a reply may be promised (postponed or not): this many days after receipt. By then every complaint
    /// received before has passed its reply window.</summary>
    public const int LongestReplyDays = Complaint.LongestReplyDays;

    /// <summary>Every complaint the reader may see, for the handling rate (effective closed / effective received and judged:
    /// closed or past their reply window; Regulation's figure-scored credit items).</summary>
    public static IQueryable<ComplaintHandlingRef> ComplaintHandling(this WuyeDb db) =>
        db.Set<Complaint>()
            .Select(c => new ComplaintHandlingRef
            {
                CompanyId = c.CompanyId,
                ProjectId = c.ProjectId,
                ReceivedAt = c.ReceivedAt,
                Effective = c.Effective,
                Closed = c.Status == ComplaintStatus.Closed,
                ReplyDueAt = c.ReplyDueAt,
                ClosedAt = c.ClosedAt,
                RepliedAt = c.RepliedAt,
            });
}
