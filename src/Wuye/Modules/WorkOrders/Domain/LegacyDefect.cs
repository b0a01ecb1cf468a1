using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>Where a handover defect stands with the developer's repair office.</summary>
internal enum DefectStatus
{
    Registered,
    ReportedToDeveloper,
    RepairScheduled,
    Repairing,
    Fixed,
    Rejected,
}

/// <summary>
/// 遗留问题: a defect left at handover (000 #57–58), kept per unit with its first-responsible
/// person, its coordination with the developer's repair office, and progress the owner can see.
/// </summary>
internal sealed class LegacyDefect : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public required string Description { get; set; }
    public RequestCategory Category { get; set; }
    public DateOnly FoundOn { get; set; }

    /// <summary>首问责任人: the staff member who registered it and follows it to the end.</summary>
    public Guid? ResponsibleUserId { get; set; }
    public required string ResponsibleName { get; set; }
    public DefectStatus Status { get; set; }

    /// <summary>The developer repair office's own reference, once reported.</summary>
    public string? DeveloperRef { get; set; }
    public DateTimeOffset? FixedAt { get; set; }
}

/// <summary>One step of a defect's progress, shown to the owner.</summary>
internal sealed class LegacyDefectUpdate : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid LegacyDefectId { get; set; }
    public DateTimeOffset At { get; set; }
    public DefectStatus Status { get; set; }
    public string? Note { get; set; }
    public string? ActorName { get; set; }
}
