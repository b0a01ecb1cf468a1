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

    public int DrillMonths(PlanKind kind) => kind == PlanKind.Fire ? FireDrillMonths : OtherDrillMonths;
}
