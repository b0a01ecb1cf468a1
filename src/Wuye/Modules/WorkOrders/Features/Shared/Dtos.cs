using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;

namespace Wuye.Modules.WorkOrders.Features.Shared;

internal sealed record ServiceRequestDto(Guid Id, string Number, Guid ProjectId, Guid? ZoneId, Guid? UnitId, string? UnitLabel, string? Location,
    RequestChannel Channel, RequestCategory Category, Urgency Urgency, RequestStatus Status, string Description,
    string? ReporterName, Guid[] PhotoIds, DateTimeOffset? VisitFrom, DateTimeOffset? VisitTo, DateTimeOffset OpenedAt,
    DateTimeOffset? CompletionDueAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt, int ReworkCount, bool? Satisfied, int? Score,
    Guid? MergedIntoId);

internal sealed record WorkOrderDto(Guid Id, Guid ServiceRequestId, string Number, Guid ProjectId, Guid? UnitId, string? UnitLabel, string? Location,
    RequestCategory Category, Urgency Urgency, string Description, WorkOrderStatus Status, Guid? ReworkOfId,
    Guid? AssigneeUserId, string? AssigneeName, bool AroundTheClock, DateTimeOffset ClockStartedAt,
    DateTimeOffset? ResponseDueAt, DateTimeOffset? ArrivalDueAt, DateTimeOffset? CompletionDueAt,
    DateTimeOffset? DispatchedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? PausedAt, PauseKind? PauseKind, string? PauseReason, int PausedMinutes,
    Guid[] BeforePhotoIds, Guid[] AfterPhotoIds, string? WorkDone, string? OwnerConfirmedBy, string? AnythingElse, decimal ChargeTotal, uint Version);

internal sealed record ReturnVisitDto(Guid Id, Guid ServiceRequestId, string Number, Guid WorkOrderId, Guid ProjectId, string? UnitLabel, string Description,
    ReturnVisitStatus Status, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? VisitedAt, string? VisitedByName, bool? Satisfied, int? Score, string? Comment,
    Guid? ReworkWorkOrderId, string? TechnicianName, DateTimeOffset? CompletedAt);
