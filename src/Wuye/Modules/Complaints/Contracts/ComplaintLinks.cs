using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Contracts;

/// <summary>
/// A complaint as another module attributes it: where and when it came in, whether it was judged effective (有效投诉), and the
/// service requests through which the work complained of was done (no complainant).
/// </summary>
public sealed class ComplaintLinkRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public bool Effective { get; init; }
    public Guid[] ServiceRequestIds { get; init; } = [];
}

/// <summary>The view, read off the shared context (it composes into the reader's query and keeps its scope).</summary>
public static class ComplaintLinkReads
{
    /// <summary>Every complaint the reader may see with its linked service requests (Staff attributes it to their technicians).</summary>
    public static IQueryable<ComplaintLinkRef> ComplaintLinks(this WuyeDb db) =>
        db.Set<Complaint>()
            .Select(c => new ComplaintLinkRef
            {
                Id = c.Id,
                CompanyId = c.CompanyId,
                ProjectId = c.ProjectId,
                ReceivedAt = c.ReceivedAt,
                Effective = c.Effective,
                ServiceRequestIds = c.ServiceRequestIds,
            });
}
