using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 海浪式安全检查 (万科 #18): one campaign of several teams visiting projects in waves across 24 hours,
/// so that every shift, night ones included, is seen.
/// </summary>
public sealed class WaveInspection : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset StartsAt { get; set; }
}

/// <summary>One wave: a team at a project in a time slot; done when one of its members records an inspection there within the slot.</summary>
public sealed class WaveSlot : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CampaignId { get; set; }
    public required string TeamName { get; set; }
    public Guid[] MemberUserIds { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public Guid? InspectionId { get; set; }
}
