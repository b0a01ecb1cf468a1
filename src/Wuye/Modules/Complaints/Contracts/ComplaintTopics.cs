using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Contracts;

/// <summary>What a complaint is about, as far as other modules ask (a vendor's scorecard counts those about its work).</summary>
public enum ComplaintTopic
{
    Cleaning,
    Greening,
    Other,
}

/// <summary>A complaint as another module counts it: where, when and about what (no complainant).</summary>
public sealed class ComplaintTopicRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? ZoneId { get; init; }
    public ComplaintTopic Topic { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>The view, read off the shared context (it composes into the reader's query and keeps its scope).</summary>
public static class ComplaintReads
{
    public static IQueryable<ComplaintTopicRef> ComplaintTopics(this WuyeDb db) =>
        db.Set<Complaint>()
            .Select(c => new ComplaintTopicRef
            {
                Id = c.Id,
                CompanyId = c.CompanyId,
                ProjectId = c.ProjectId,
                ZoneId = c.ZoneId,
                Topic =
                    c.Category == ComplaintCategory.Cleaning ? ComplaintTopic.Cleaning
                    : c.Category == ComplaintCategory.Greening ? ComplaintTopic.Greening
                    : ComplaintTopic.Other,
                ReceivedAt = c.ReceivedAt,
            });
}
