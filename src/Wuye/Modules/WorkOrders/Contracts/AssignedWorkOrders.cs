using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Contracts;

/// <summary>
/// A work order as another module counts it against the technician it is assigned to: its request, its completion limit and
/// when it was completed (no owner, no address).
/// </summary>
public sealed class AssignedWorkOrderRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid ServiceRequestId { get; init; }
    public Guid? AssigneeUserId { get; init; }
    public DateTimeOffset? CompletionDueAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>The view, read off the shared context (it composes into the reader's query and keeps its scope).</summary>
public static class AssignedWorkOrderReads
{
    /// <summary>Every work order the reader may see, with its assignee and completion clock (Staff's monthly assessment).</summary>
    public static IQueryable<AssignedWorkOrderRef> AssignedWorkOrders(this WuyeDb db) =>
        db.Set<WorkOrder>()
            .Select(w => new AssignedWorkOrderRef
            {
                Id = w.Id,
                CompanyId = w.CompanyId,
                ProjectId = w.ProjectId,
                ServiceRequestId = w.ServiceRequestId,
                AssigneeUserId = w.AssigneeUserId,
                CompletionDueAt = w.CompletionDueAt,
                CompletedAt = w.CompletedAt,
            });
}
