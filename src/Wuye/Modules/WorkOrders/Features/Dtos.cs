using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;

namespace Wuye.Modules.WorkOrders.Features;

public sealed record ServiceRequestDto(Guid Id, string Number, Guid ProjectId, Guid? ZoneId, Guid? UnitId, string? UnitLabel, string? Location,
    RequestChannel Channel, RequestCategory Category, Urgency Urgency, RequestStatus Status, string Description,
    string? ReporterName, Guid[] PhotoIds, DateTimeOffset? VisitFrom, DateTimeOffset? VisitTo, DateTimeOffset OpenedAt,
    DateTimeOffset? CompletionDueAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt, int ReworkCount, bool? Satisfied, int? Score,
    Guid? MergedIntoId);

public sealed record WorkOrderDto(Guid Id, Guid ServiceRequestId, string Number, Guid ProjectId, Guid? UnitId, string? UnitLabel, string? Location,
    RequestCategory Category, Urgency Urgency, string Description, WorkOrderStatus Status, Guid? ReworkOfId,
    Guid? AssigneeUserId, string? AssigneeName, bool AroundTheClock, DateTimeOffset ClockStartedAt,
    DateTimeOffset? ResponseDueAt, DateTimeOffset? ArrivalDueAt, DateTimeOffset? CompletionDueAt,
    DateTimeOffset? DispatchedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ArrivedAt, DateTimeOffset? CompletedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? PausedAt, PauseKind? PauseKind, string? PauseReason, int PausedMinutes,
    Guid[] BeforePhotoIds, Guid[] AfterPhotoIds, string? WorkDone, string? OwnerConfirmedBy, string? AnythingElse, decimal ChargeTotal, uint Version);

public sealed record EventDto(Guid Id, DateTimeOffset At, EventKind Kind, string KindName, string? ActorName, string? Note, Guid? WorkOrderId);

public sealed record ServiceRequestDetail(ServiceRequestDto Request, IReadOnlyList<WorkOrderDto> WorkOrders, IReadOnlyList<EventDto> Timeline, IReadOnlyList<ReturnVisitDto> ReturnVisits);

public sealed record ReturnVisitDto(Guid Id, Guid ServiceRequestId, string Number, Guid WorkOrderId, Guid ProjectId, string? UnitLabel, string Description,
    ReturnVisitStatus Status, DateTimeOffset DueAt, bool Overdue, DateTimeOffset? VisitedAt, string? VisitedByName, bool? Satisfied, int? Score, string? Comment,
    Guid? ReworkWorkOrderId, string? TechnicianName, DateTimeOffset? CompletedAt);

public sealed record SlaPolicyDto(Guid Id, Guid ProjectId, RequestCategory? Category, Urgency Urgency, int ResponseMinutes, int ArrivalMinutes, int CompletionMinutes, bool AroundTheClock);

public sealed record CalendarDto(Guid ProjectId, TimeOnly DayStart, TimeOnly DayEnd, string WorkingDays, DateOnly[] Holidays, DateOnly[] ExtraWorkdays, bool IsDefault);

public sealed record PriceItemDto(Guid Id, string Name, PriceKind Kind, string UnitName, decimal Price);

public sealed record TechnicianDto(Guid Id, string Name, int OpenJobs);
