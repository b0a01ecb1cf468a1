using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>
/// 海浪式安全检查 (万科 #18): one campaign of several teams visiting projects in waves across 24 hours,
/// so that every shift, night ones included, is seen.
/// </summary>
internal sealed class WaveInspection : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>A team is in one place at a time: its slots may not overlap.</summary>
    public static void CheckTeamsDoNotOverlap(IEnumerable<(string Team, DateTimeOffset StartsAt, DateTimeOffset EndsAt)> slots)
    {
        foreach (var team in slots.GroupBy(s => s.Team.Trim()))
        {
            var ordered = team.OrderBy(s => s.StartsAt).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].StartsAt < ordered[i - 1].EndsAt)
                    throw new RuleException(
                        "wave_inspection.team_overlap",
                        $"检查组“{team.Key}”的时段重叠",
                        $"Team \"{team.Key}\" has overlapping slots"
                    );
        }
    }
}

/// <summary>One wave: a team at a project in a time slot; done when one of its members records an inspection there within the
/// slot.</summary>
internal sealed class WaveSlot : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CampaignId { get; set; }
    public required string TeamName { get; set; }
    public Guid[] MemberUserIds { get; set; } = [];
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public Guid? InspectionId { get; set; }

    /// <summary>A slot is done once.</summary>
    public void EnsureOpen()
    {
        if (InspectionId is not null)
            throw new RuleException("wave_inspection.slot_done", "该时段已完成", "This slot is already done");
    }

    /// <summary>
    /// Counts the inspection as this slot's wave: made by one of the team, at the slot's project, within the slot,
    /// and not already counted for another slot (<paramref name="usedElsewhere"/>).
    /// </summary>
    public void Complete(Inspection inspection, bool usedElsewhere)
    {
        EnsureOpen();
        if (
            inspection.ProjectId != ProjectId
            || inspection.CheckedAt < StartsAt
            || inspection.CheckedAt > EndsAt
            || !MemberUserIds.Contains(inspection.InspectorUserId)
        )
            throw new RuleException(
                "wave_inspection.outside_slot",
                "该核查不是本检查组在本时段、本项目所做",
                "The inspection was not made by this team at this project within the slot"
            );
        if (usedElsewhere)
            throw new RuleException(
                "wave_inspection.inspection_used",
                "该核查已计入其他时段",
                "The inspection already counts for another slot"
            );
        InspectionId = inspection.Id;
    }

    /// <summary>done, missed (ended without a wave) or upcoming.</summary>
    public string StatusAt(DateTimeOffset now) =>
        InspectionId is not null ? "done"
        : EndsAt < now ? "missed"
        : "upcoming";
}
