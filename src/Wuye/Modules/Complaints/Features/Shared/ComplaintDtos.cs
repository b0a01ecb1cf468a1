using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.WorkOrders.Contracts;

namespace Wuye.Modules.Complaints.Features.Shared;

internal sealed record ComplaintDto(
    Guid Id,
    string Number,
    Guid ProjectId,
    Guid? ZoneId,
    Guid UnitId,
    string? UnitLabel,
    ComplaintChannel Channel,
    ComplaintCategory Category,
    string Description,
    Guid? PersonId,
    string ComplainantName,
    string? ComplainantPhone,
    bool Effective,
    string? IneffectiveReason,
    bool Vip,
    MajorKind? Major,
    string[] Departments,
    Guid[] ServiceRequestIds,
    Guid ReceivedByUserId,
    string ReceivedByName,
    Guid OwnerStaffId,
    string OwnerStaffName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReplyDueAt,
    bool Overdue,
    DateTimeOffset? PostponedAt,
    string? PostponeReason,
    int EscalationLevel,
    string? RootCause,
    string? NextStep,
    ComplaintStatus Status,
    string? Resolution,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? RepliedAt,
    bool? RepliedOnTime,
    DateTimeOffset? VisitedAt,
    bool? Satisfied,
    string? VisitComment,
    int ReopenCount
);

internal sealed record ComplaintEventDto(
    Guid Id,
    DateTimeOffset At,
    ComplaintEventKind Kind,
    string KindName,
    string? ActorName,
    string? Note
);

internal sealed record LinkedRequestDto(Guid Id, string Number, RequestStatus Status, string Description, string? TechnicianName);

internal sealed record ReplyScriptDto(
    Guid Id,
    Guid ScriptId,
    Guid? ProjectId,
    ComplaintCategory Category,
    string Question,
    string Answer,
    int VersionNo,
    bool IsCurrent,
    string? EditedByName,
    string? ChangeNote,
    DateTimeOffset CreatedAt
);

internal sealed record ComplaintDetail(
    ComplaintDto Complaint,
    IReadOnlyList<ComplaintEventDto> Timeline,
    IReadOnlyList<LinkedRequestDto> ServiceRequests,
    IReadOnlyList<ReplyScriptDto> SuggestedScripts
);

internal sealed record SettingsDto(
    Guid ProjectId,
    int ReplyDays,
    TimeOnly ReviewTime,
    int ProjectManagerAfterHours,
    int CompanyAfterHours,
    bool IsDefault
)
{
    public static SettingsDto Of(ComplaintSettings s, bool isDefault) =>
        new(s.ProjectId, s.ReplyDays, s.ReviewTime, s.ProjectManagerAfterHours, s.CompanyAfterHours, isDefault);
}
