using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Emergencies.Domain;

/// <summary>The emergencies settings under <c>Wuye:Emergencies</c>, with their defaults (checked at start).</summary>
internal sealed class EmergenciesOptions
{
    public const string Section = "Wuye:Emergencies";

    /// <summary>Months between drills of a fire plan (001 ch.2.1: 每半年组织一次消防演练).</summary>
    [Range(1, 36)]
    public int FireDrillMonths { get; set; } = 6;

    /// <summary>Months between drills of every other plan kind.</summary>
    [Range(1, 36)]
    public int OtherDrillMonths { get; set; } = 12;

    /// <summary>Hours before a planned outage by which the affected residents must be told (001 ch.6.2: 至少提前 24 小时).</summary>
    [Range(1, 240)]
    public int OutageNoticeHours { get; set; } = 24;

    public int DrillMonths(PlanKind kind) => kind == PlanKind.Fire ? FireDrillMonths : OtherDrillMonths;
}
