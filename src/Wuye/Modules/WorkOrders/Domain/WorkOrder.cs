using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Domain;

internal enum WorkOrderStatus
{
    New,
    Dispatched,
    Accepted,
    OnSite,
    Paused,
    Completed,
    Closed,
}

internal enum PauseKind
{
    WaitingForOwner,
    WaitingForParts,
}

/// <summary>工单: one job dispatched for a request; a rework (返修) is a further work order linked to the first.</summary>
internal sealed class WorkOrder : Entity, IScoped
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

    /// <summary>The statuses of a job still to be done.</summary>
    public static readonly WorkOrderStatus[] OpenStatuses =
    [
        WorkOrderStatus.New,
        WorkOrderStatus.Dispatched,
        WorkOrderStatus.Accepted,
        WorkOrderStatus.OnSite,
        WorkOrderStatus.Paused,
    ];

    /// <summary>A new job for the request, its clocks started now on the project's time limits (none without a policy).</summary>
    public static WorkOrder Open(ServiceRequest r, WorkOrder? reworkOf, SlaPolicy? policy, WorkingTime time, DateTimeOffset now) =>
        new()
        {
            CompanyId = r.CompanyId,
            ProjectId = r.ProjectId,
            ZoneId = r.ZoneId,
            UnitId = r.UnitId,
            ServiceRequestId = r.Id,
            ReworkOfId = reworkOf?.Id,
            Status = WorkOrderStatus.New,
            Category = r.Category,
            Urgency = r.Urgency,
            AroundTheClock = time.IsAroundTheClock,
            ClockStartedAt = now,
            ResponseDueAt = policy is null ? null : time.AddMinutes(now, policy.ResponseMinutes),
            ArrivalDueAt = policy is null ? null : time.AddMinutes(now, policy.ArrivalMinutes),
            CompletionDueAt = policy is null ? null : time.AddMinutes(now, policy.CompletionMinutes),
        };

    /// <summary>A rework (返修) after a dissatisfied visit: a new job with fresh clocks, back to the first job's technician.</summary>
    public static WorkOrder Rework(ServiceRequest r, WorkOrder first, SlaPolicy? policy, WorkingTime time, DateTimeOffset now)
    {
        var rework = Open(r, first, policy, time, now);
        rework.AssigneeUserId = first.AssigneeUserId;
        rework.AssigneeName = first.AssigneeName;
        rework.Status = first.AssigneeUserId is null ? WorkOrderStatus.New : WorkOrderStatus.Dispatched;
        rework.DispatchedAt = now;
        return rework;
    }

    public void CheckDispatchable(ServiceRequest r)
    {
        if (r.Status is RequestStatus.Closed or RequestStatus.Merged || Status is not (WorkOrderStatus.New or WorkOrderStatus.Dispatched))
            throw new RuleException(
                "work_order.not_dispatchable",
                "该工单已关闭或正在处理，不能派单",
                "This work order is closed or under way and cannot be dispatched"
            );
    }

    /// <summary>To one technician, or (no technician) offered to all of the project's technicians: the first to accept takes it.</summary>
    public void Dispatch(ServiceRequest r, Guid? technicianId, string? technicianName, DateTimeOffset now)
    {
        CheckDispatchable(r);
        AssigneeUserId = technicianId;
        AssigneeName = technicianId is null ? null : technicianName;
        Status = WorkOrderStatus.Dispatched;
        DispatchedAt = now;
    }

    public void CheckAcceptableBy(Guid technicianId)
    {
        if (Status != WorkOrderStatus.Dispatched)
            throw new RuleException(
                "work_order.not_acceptable",
                "该工单当前不能接单（可能已被他人接单）",
                "This work order cannot be accepted now (someone may have taken it)"
            );
        if (AssigneeUserId is { } a && a != technicianId)
            throw new RuleException(
                "work_order.not_yours",
                "该工单已派给其他维修工",
                "This work order was dispatched to another technician"
            );
    }

    /// <summary>The technician takes the job; the first answer of the first job sets the request's response figure.</summary>
    public void Accept(ServiceRequest r, Guid technicianId, string technicianName, DateTimeOffset now)
    {
        CheckAcceptableBy(technicianId);
        AssigneeUserId = technicianId;
        AssigneeName = technicianName;
        Status = WorkOrderStatus.Accepted;
        AcceptedAt ??= now;
        if (ReworkOfId is null)
            r.ResponseOnTime ??= ResponseDueAt is { } due ? now <= due : null;
    }

    /// <summary>Only the technician it was dispatched to may decline, before accepting; it goes back to be dispatched.</summary>
    public void Decline(Guid? technicianId)
    {
        if (Status != WorkOrderStatus.Dispatched || AssigneeUserId != technicianId)
            throw new RuleException(
                "work_order.not_declinable",
                "只能拒绝派给自己且尚未接单的工单",
                "Only a job dispatched to you and not yet accepted can be declined"
            );
        Status = WorkOrderStatus.New;
        AssigneeUserId = null;
        AssigneeName = null;
    }

    /// <summary>A dispatcher may transfer any job not yet on site; a technician only their own.</summary>
    public void CheckTransferableBy(bool isDispatcher, Guid? userId)
    {
        if (Status is not (WorkOrderStatus.Dispatched or WorkOrderStatus.Accepted))
            throw new RuleException(
                "work_order.not_transferable",
                "只能转派已派出、尚未到场的工单",
                "Only a dispatched job not yet on site can be transferred"
            );
        if (!isDispatcher && AssigneeUserId != userId)
            throw new RuleException("work_order.not_yours", "只能转派自己的工单", "You can transfer only your own jobs");
    }

    /// <summary>Transfers to another technician (dispatched again); gives the previous assignee's name.</summary>
    public string? TransferTo(bool isDispatcher, Guid? userId, Guid technicianId, string technicianName)
    {
        CheckTransferableBy(isDispatcher, userId);
        var from = AssigneeName;
        AssigneeUserId = technicianId;
        AssigneeName = technicianName;
        Status = WorkOrderStatus.Dispatched;
        return from;
    }

    /// <summary>On site only its assignee (or a platform admin) acts.</summary>
    public void CheckWorkedBy(bool isGlobal, Guid? userId)
    {
        if (!isGlobal && AssigneeUserId != userId)
            throw new RuleException("work_order.not_yours", "这不是您的工单", "This job is not yours");
    }

    /// <summary>Checks in on site; the first arrival of the first job sets the request's arrival figure.</summary>
    public void Arrive(ServiceRequest r, DateTimeOffset now)
    {
        if (Status != WorkOrderStatus.Accepted)
            throw new RuleException("work_order.not_arrivable", "请先接单再签到到场", "Accept the job before checking in on site");
        Status = WorkOrderStatus.OnSite;
        ArrivedAt ??= now;
        if (ReworkOfId is null)
            r.ArrivalOnTime ??= ArrivalDueAt is { } due ? now <= due : null;
    }

    /// <summary>Stops the clocks while waiting for the owner or for parts.</summary>
    public void Pause(PauseKind kind, string reason, DateTimeOffset now)
    {
        if (Status is not (WorkOrderStatus.Accepted or WorkOrderStatus.OnSite))
            throw new RuleException("work_order.not_pausable", "只有处理中的工单可以暂停计时", "Only a job under way can be paused");
        StatusBeforePause = Status;
        Status = WorkOrderStatus.Paused;
        PausedAt = now;
        PauseKind = kind;
        PauseReason = reason;
    }

    public void CheckPaused()
    {
        if (Status != WorkOrderStatus.Paused || PausedAt is null)
            throw new RuleException("work_order.not_paused", "该工单没有暂停", "This job is not paused");
    }

    /// <summary>What a resume moved: the clock minutes spent waiting and why.</summary>
    public sealed record Resumed(int Minutes, string? Reason);

    /// <summary>Restarts the clocks: every limit not yet met moves on by the clock time spent waiting.</summary>
    public Resumed Resume(ServiceRequest r, WorkingTime time, DateTimeOffset now)
    {
        CheckPaused();
        var minutes = time.MinutesBetween(PausedAt!.Value, now);
        if (AcceptedAt is null && ResponseDueAt is { } rd)
            ResponseDueAt = time.AddMinutes(rd, minutes);
        if (ArrivedAt is null && ArrivalDueAt is { } ad)
            ArrivalDueAt = time.AddMinutes(ad, minutes);
        if (CompletionDueAt is { } cd)
            CompletionDueAt = time.AddMinutes(cd, minutes);
        if (ReworkOfId is null)
            r.CompletionDueAt = CompletionDueAt;
        PausedMinutes += minutes;
        Status = StatusBeforePause ?? WorkOrderStatus.Accepted;
        StatusBeforePause = null;
        PausedAt = null;
        var resumed = new Resumed(minutes, PauseReason);
        PauseKind = null;
        PauseReason = null;
        return resumed;
    }

    public void CheckCompletable()
    {
        if (Status != WorkOrderStatus.OnSite)
            throw new RuleException("work_order.not_completable", "请先到场签到再完工", "Check in on site before finishing");
    }

    /// <summary>A priced line of a paid repair, added to the job's total.</summary>
    public WorkOrderCharge Charge(PriceItem item, decimal quantity)
    {
        var amount = Math.Round(item.Price * quantity, 2);
        ChargeTotal += amount;
        return new WorkOrderCharge
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            ZoneId = ZoneId,
            UnitId = UnitId,
            WorkOrderId = Id,
            PriceItemId = item.Id,
            Name = item.Name,
            Kind = item.Kind,
            Quantity = quantity,
            UnitPrice = item.Price,
            Amount = amount,
        };
    }

    /// <summary>Finishes on site; the request waits for its return visit, and the first job sets its completion figures.</summary>
    public void Complete(
        ServiceRequest r,
        string workDone,
        string ownerConfirmedBy,
        string? anythingElse,
        Guid[] beforePhotoIds,
        Guid[] afterPhotoIds,
        DateTimeOffset now
    )
    {
        CheckCompletable();
        Status = WorkOrderStatus.Completed;
        CompletedAt = now;
        WorkDone = workDone;
        OwnerConfirmedBy = ownerConfirmedBy;
        AnythingElse = anythingElse;
        BeforePhotoIds = beforePhotoIds;
        AfterPhotoIds = afterPhotoIds;
        if (ReworkOfId is null)
        {
            r.CompletionOnTime = CompletionDueAt is { } due ? now <= due : null;
            r.CompletedAt = now;
            r.TechnicianUserId = AssigneeUserId;
        }
        r.Status = RequestStatus.Completed;
    }

    /// <summary>Closed after its return visit, or when its request is merged into another.</summary>
    public void Close(DateTimeOffset now)
    {
        Status = WorkOrderStatus.Closed;
        ClosedAt = now;
    }
}
