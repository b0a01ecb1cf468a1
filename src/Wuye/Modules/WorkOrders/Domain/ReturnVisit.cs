using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum ReturnVisitStatus
{
    Pending,
    Done,
}

/// <summary>回访: customer service calls back within one working day of completion.</summary>
internal sealed class ReturnVisit : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ServiceRequestId { get; set; }
    public Guid WorkOrderId { get; set; }
    public ReturnVisitStatus Status { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? VisitedAt { get; set; }
    public Guid? VisitedByUserId { get; set; }
    public string? VisitedByName { get; set; }
    public bool? Satisfied { get; set; }
    public int? Score { get; set; }
    public string? Comment { get; set; }

    /// <summary>The rework opened because of this visit, if it was not satisfied.</summary>
    public Guid? ReworkWorkOrderId { get; set; }

    /// <summary>The visit due after a job is finished (within one working day).</summary>
    public static ReturnVisit After(WorkOrder wo, DateTimeOffset dueAt) =>
        new()
        {
            CompanyId = wo.CompanyId,
            ProjectId = wo.ProjectId,
            ZoneId = wo.ZoneId,
            UnitId = wo.UnitId,
            ServiceRequestId = wo.ServiceRequestId,
            WorkOrderId = wo.Id,
            Status = ReturnVisitStatus.Pending,
            DueAt = dueAt,
        };

    public void CheckPending()
    {
        if (Status != ReturnVisitStatus.Pending)
            throw new RuleException("return_visit.already_done", "该回访已记录", "This return visit was already recorded");
    }

    /// <summary>Records the result, once.</summary>
    public void Record(Guid? byUserId, string byName, bool satisfied, int? score, string? comment, DateTimeOffset now)
    {
        CheckPending();
        Status = ReturnVisitStatus.Done;
        VisitedAt = now;
        VisitedByUserId = byUserId;
        VisitedByName = byName;
        Satisfied = satisfied;
        Score = score;
        Comment = comment;
    }
}
