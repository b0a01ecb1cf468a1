using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum RequestChannel
{
    FrontDesk,
    Hotline,
    MonitoringCenter,
    Patrol,
    OwnerPortal,
    Import,
}

internal enum Urgency
{
    Normal,
    Urgent,
}

/// <summary>
/// 报事报修: what an owner or staff member reports, for a unit or for a public area (project,
/// zone, asset). The figures the metrics read (times, on-time flags, rework, visit result) are
/// kept on the request by the use cases that change them, so the metrics are one scan.
/// </summary>
internal sealed class ServiceRequest : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public required string Number { get; set; }
    public RequestChannel Channel { get; set; }
    public RequestCategory Category { get; set; }
    public Urgency Urgency { get; set; }
    public required string Description { get; set; }

    /// <summary>Where in a public area (e.g. 3幢电梯厅), or the asset concerned.</summary>
    public string? Location { get; set; }
    public string? ReporterName { get; set; }

    [Wuye.Platform.Audit.Sensitive]
    public string? ReporterPhone { get; set; }
    public Guid? ReporterUserId { get; set; }
    public Guid[] PhotoIds { get; set; } = [];
    public DateTimeOffset? VisitFrom { get; set; }
    public DateTimeOffset? VisitTo { get; set; }
    public RequestStatus Status { get; set; }
    public Guid? MergedIntoId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>yyyyMM of <see cref="OpenedAt"/> in China time, for monthly figures.</summary>
    public int OpenedMonth { get; set; }
    public DateTimeOffset? CompletionDueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool? ResponseOnTime { get; set; }
    public bool? ArrivalOnTime { get; set; }
    public bool? CompletionOnTime { get; set; }
    public Guid? TechnicianUserId { get; set; }
    public int ReworkCount { get; set; }
    public bool Visited { get; set; }
    public bool? Satisfied { get; set; }

    /// <summary>The first return visit's result, set once: a later visit after a rework never overwrites it.</summary>
    public bool? FirstSatisfied { get; set; }
    public int? Score { get; set; }
    public string? OwnerComment { get; set; }
    public string? Source { get; set; }
    public string? ExternalRef { get; set; }

    /// <summary>The category as the old system named it (a history import keeps it, whatever category of ours it went to).</summary>
    public string? SourceCategory { get; set; }

    /// <summary>The old system's department or team that handled it (history import).</summary>
    public string? SourceDepartment { get; set; }

    private static RuleException NotMergeable(string zh, string en) => new("service_request.not_mergeable", zh, en);

    /// <summary>The checks of <see cref="MergeInto"/> that need only the two requests: same project, both public-area, this one not yet
    /// handled.</summary>
    public void CheckMergeableInto(ServiceRequest into)
    {
        if (Id == into.Id || ProjectId != into.ProjectId || UnitId is not null || into.UnitId is not null)
            throw NotMergeable(
                "只能合并同一项目内重复上报的公共区域报事",
                "Only duplicate public-area reports of one project can be merged"
            );
        if (Status != RequestStatus.Open || into.Status is RequestStatus.Merged or RequestStatus.Closed)
            throw NotMergeable("该报事已在处理或已关闭，不能合并", "That request is under way or closed and cannot be merged");
    }

    /// <summary>A duplicate report of the same public fault joins the one being handled; its jobs (none started) close.</summary>
    public void MergeInto(ServiceRequest into, IReadOnlyCollection<WorkOrder> orders, DateTimeOffset now)
    {
        CheckMergeableInto(into);
        if (orders.Any(w => w.Status is not WorkOrderStatus.New and not WorkOrderStatus.Dispatched))
            throw NotMergeable("该报事的工单已在处理，不能合并", "A job of that request is under way; it cannot be merged");
        foreach (var w in orders)
            w.Close(now);
        Status = RequestStatus.Merged;
        MergedIntoId = into.Id;
        ClosedAt = now;
    }

    /// <summary>The return visit's result: satisfied archives the request, not satisfied reopens it for a rework.</summary>
    public void RecordVisit(bool satisfied, int? score, DateTimeOffset now)
    {
        Visited = true;
        Satisfied = satisfied;
        FirstSatisfied ??= satisfied;
        Score = score;
        if (satisfied)
        {
            Status = RequestStatus.Closed;
            ClosedAt = now;
        }
        else
        {
            ReworkCount++;
            Status = RequestStatus.Open;
        }
    }
}
