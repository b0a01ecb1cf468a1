using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

public enum RequestChannel { FrontDesk, Hotline, MonitoringCenter, Patrol, OwnerPortal, Import }
public enum Urgency { Normal, Urgent }
public enum WorkOrderStatus { New, Dispatched, Accepted, OnSite, Paused, Completed, Closed }
public enum PauseKind { WaitingForOwner, WaitingForParts }
public enum SlaClock { Response, Arrival, Completion }
public enum EscalationLevel { Warning, Breach }
public enum ReturnVisitStatus { Pending, Done }
public enum PriceKind { Material, Labour }
public enum EventKind { Created, Dispatched, Accepted, Declined, Transferred, Arrived, Paused, Resumed, Completed, Visited, ReworkOpened, Closed, Warned, Breached, Merged, Rated, Imported }

/// <summary>
/// 报事报修: what an owner or staff member reports, for a unit or for a public area (project,
/// zone, asset). The figures the metrics read (times, on-time flags, rework, visit result) are
/// kept on the request by the use cases that change them, so the metrics are one scan.
/// </summary>
public sealed class ServiceRequest : Entity, IScoped
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
    [Wuye.Platform.Audit.Sensitive] public string? ReporterPhone { get; set; }
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
    public int? Score { get; set; }
    public string? OwnerComment { get; set; }
    public string? Source { get; set; }
    public string? ExternalRef { get; set; }
}

/// <summary>工单: one job dispatched for a request; a rework (返修) is a further work order linked to the first.</summary>
public sealed class WorkOrder : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ServiceRequestId { get; set; }
    public Guid? ReworkOfId { get; set; }
    public WorkOrderStatus Status { get; set; }
    public WorkOrderStatus? StatusBeforePause { get; set; }
    public RequestCategory Category { get; set; }
    public Urgency Urgency { get; set; }
    public Guid? AssigneeUserId { get; set; }
    public string? AssigneeName { get; set; }
    /// <summary>The clocks run 24/7 (urgent policies) instead of on the project's working hours.</summary>
    public bool AroundTheClock { get; set; }
    public DateTimeOffset ClockStartedAt { get; set; }
    public DateTimeOffset? ResponseDueAt { get; set; }
    public DateTimeOffset? ArrivalDueAt { get; set; }
    public DateTimeOffset? CompletionDueAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public PauseKind? PauseKind { get; set; }
    public string? PauseReason { get; set; }
    /// <summary>Clock minutes spent paused so far (working minutes unless around the clock).</summary>
    public int PausedMinutes { get; set; }
    public Guid[] BeforePhotoIds { get; set; } = [];
    public Guid[] AfterPhotoIds { get; set; } = [];
    public string? WorkDone { get; set; }
    public string? OwnerConfirmedBy { get; set; }
    /// <summary>“还有什么可以帮您？” — what else the owner asked for at the visit.</summary>
    public string? AnythingElse { get; set; }
    public decimal ChargeTotal { get; set; }
}

/// <summary>A material or labour line on a paid household repair, priced from the price list.</summary>
public sealed class WorkOrderCharge : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid WorkOrderId { get; set; }
    public Guid PriceItemId { get; set; }
    public required string Name { get; set; }
    public PriceKind Kind { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount { get; set; }
}

/// <summary>特约服务 price list: materials and labour for paid household repairs.</summary>
public sealed class PriceItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Name { get; set; }
    public PriceKind Kind { get; set; }
    public required string UnitName { get; set; }
    public decimal Price { get; set; }
}

/// <summary>One line of a request's timeline: who did what, when, with which clock.</summary>
public sealed class WorkOrderEvent : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid ServiceRequestId { get; set; }
    public Guid? WorkOrderId { get; set; }
    /// <summary>
    /// Orders steps recorded in the same instant (one use case often writes two). EF Core sorts
    /// inserts by key, not by the order they were added, so an identity column would not do.
    /// </summary>
    public long Seq { get; set; } = NextSeq();

    private static long _seq = DateTime.UtcNow.Ticks;
    private static long NextSeq() => Interlocked.Increment(ref _seq);
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string? ActorName { get; set; }
    public EventKind Kind { get; set; }
    /// <summary>The note in Chinese; <see cref="NoteEn"/> holds the English where it differs.</summary>
    public string? Note { get; set; }
    public string? NoteEn { get; set; }
}

/// <summary>回访: customer service calls back within one working day of completion.</summary>
public sealed class ReturnVisit : Entity, IScoped
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
}

/// <summary>维护时限表: response, arrival and completion limits for a project, by category (null = any) and urgency.</summary>
public sealed class SlaPolicy : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public RequestCategory? Category { get; set; }
    public Urgency Urgency { get; set; }
    public int ResponseMinutes { get; set; }
    public int ArrivalMinutes { get; set; }
    public int CompletionMinutes { get; set; }
    public bool AroundTheClock { get; set; }
}

/// <summary>A project's working hours, working weekdays, public holidays and swapped workdays (调休).</summary>
public sealed class BusinessCalendar : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public TimeOnly DayStart { get; set; } = new(8, 30);
    public TimeOnly DayEnd { get; set; } = new(17, 30);
    /// <summary>ISO weekday digits, Monday = 1: "12345" is Monday to Friday.</summary>
    public string WorkingDays { get; set; } = "12345";
    public DateOnly[] Holidays { get; set; } = [];
    public DateOnly[] ExtraWorkdays { get; set; } = [];
}

/// <summary>A warning or breach already raised for one clock of one work order; its unique key makes the escalation job idempotent.</summary>
public sealed class WorkOrderEscalation : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid WorkOrderId { get; set; }
    public SlaClock Clock { get; set; }
    public EscalationLevel Level { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>What a technician is qualified for, optionally in one zone; automatic dispatch reads it.</summary>
public sealed class TechnicianSkill : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UserId { get; set; }
    public RequestCategory Category { get; set; }
}
