using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>The regulation settings under <c>Wuye:Regulation</c> (checked at start).</summary>
internal sealed class RegulationOptions
{
    public const string Section = "Wuye:Regulation";

    /// <summary>How many days before a campaign's self-check is due a company that has not submitted it is reminded (once).</summary>
    [Range(1, 60)]
    public int SelfCheckReminderDays { get; set; } = 3;
}
