using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

public enum CheckArea { Safety, Facilities, Cleaning, Greening, Parking, Repairs, CustomerService, Etiquette }

/// <summary>核查标准: one line of the company's standards library. Edits raise <see cref="Revision"/> and keep the old text.</summary>
public sealed class CheckItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Code { get; set; }
    public CheckArea Area { get; set; }
    public required string Description { get; set; }
    public string? Method { get; set; }
    public string? Sampling { get; set; }
    /// <summary>Points a deduction finding on this item costs by default.</summary>
    public decimal PointsPerDeduction { get; set; }
    public CheckFrequency Frequency { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? RetiredAt { get; set; }
}

/// <summary>A past wording of a check item, kept so a result can be read against the text it was checked on.</summary>
public sealed class CheckItemRevision : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid CheckItemId { get; set; }
    public int Revision { get; set; }
    public required string Code { get; set; }
    public CheckArea Area { get; set; }
    public required string Description { get; set; }
    public string? Method { get; set; }
    public string? Sampling { get; set; }
    public decimal PointsPerDeduction { get; set; }
    public CheckFrequency Frequency { get; set; }
}

/// <summary>The five inspector levels of seed 004 (公司管理层 → 职能部门 → 项目负责人 → 业务主管 → 班组长).</summary>
public enum InspectorLevel { CompanyManagement, QualityDepartment, ProjectHead, Supervisor, TeamLeader }

/// <summary>核查计划: what one inspector checks, where, how often, from a month on.</summary>
public sealed class InspectionPlan : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid InspectorUserId { get; set; }
    public required string InspectorName { get; set; }
    public InspectorLevel Level { get; set; }
    public required string Name { get; set; }
    /// <summary>First day of the first month the plan applies to.</summary>
    public DateOnly StartMonth { get; set; }
    /// <summary>First day of the last month, or null while it runs.</summary>
    public DateOnly? EndMonth { get; set; }
}

/// <summary>One check point of a plan: an item at a project with a frequency.</summary>
public sealed class InspectionPlanLine : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid PlanId { get; set; }
    public Guid CheckItemId { get; set; }
    public CheckFrequency Frequency { get; set; }
}

/// <summary>核查: one visit of an inspector to a project, with its results.</summary>
public sealed class Inspection : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectorUserId { get; set; }
    public required string InspectorName { get; set; }
    public required string Place { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public bool AdHoc { get; set; }
}

/// <summary>The record of one item checked during an inspection: samples, note, photos.</summary>
public sealed class InspectionResult : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectionId { get; set; }
    public Guid CheckItemId { get; set; }
    public int CheckItemRevision { get; set; }
    public Guid? PlanLineId { get; set; }
    public Guid InspectorUserId { get; set; }
    /// <summary>China date of the check, so “done today / this week” needs no time-zone arithmetic in SQL.</summary>
    public DateOnly CheckedOn { get; set; }
    public DateTimeOffset CheckedAt { get; set; }
    public required string Place { get; set; }
    public int SampleCount { get; set; }
    public string? SampleNote { get; set; }
    public string? Note { get; set; }
    public Guid[] PhotoIds { get; set; } = [];
    /// <summary>Samples, time, place and inspector all present (seed 004: 可追溯).</summary>
    public bool Traceable { get; set; }
}

public enum FindingType { Suggestion, Rectification, Deduction }

/// <summary>建议项 / 整改项 / 扣分项 found on a checked item.</summary>
public sealed class Finding : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid InspectionId { get; set; }
    public Guid ResultId { get; set; }
    public Guid InspectorUserId { get; set; }
    public DateOnly FoundOn { get; set; }
    public FindingType Type { get; set; }
    public decimal Points { get; set; }
    public required string Description { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public enum NoticeStatus { Open, Replied, Closed }

public enum SuggestionOutcome { Acknowledged, Implemented }

/// <summary>
/// 工作改进通知单 for a finding, closed only by a second verification (二次验证). Rectifications and
/// deductions ask for a fix; a suggestion asks the project to acknowledge or implement it
/// (<see cref="ReplyOutcome"/>), and is closed the same way, so closure = closed / (suggestions + deductions)
/// as seed 004 writes it can reach 100%.
/// </summary>
public sealed class ImprovementNotice : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid FindingId { get; set; }
    public required string Number { get; set; }
    public Guid ResponsibleUserId { get; set; }
    public required string ResponsibleName { get; set; }
    public required string RequiredAction { get; set; }
    public DateOnly Deadline { get; set; }
    public DateOnly ReverifyOn { get; set; }
    public NoticeStatus Status { get; set; }
    /// <summary>1 at issue, +1 each time a verification reopens it.</summary>
    public int Round { get; set; } = 1;
    public string? ReplyText { get; set; }
    /// <summary>For a suggestion: acknowledged (采纳，待落实) or implemented (已落实).</summary>
    public SuggestionOutcome? ReplyOutcome { get; set; }
    public Guid[] ReplyPhotoIds { get; set; } = [];
    public Guid? RepliedBy { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public Guid? VerifiedBy { get; set; }
    public string? VerifierName { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerificationNote { get; set; }
}
