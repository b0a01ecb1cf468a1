using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Fees.Domain;

/// <summary>The fee settings under <c>Wuye:Fees</c>, with their defaults (checked at start).</summary>
internal sealed class FeesOptions
{
    public const string Section = "Wuye:Fees";

    /// <summary>Day of the month (China time) from which the monthly job issues that month's bills.</summary>
    [Range(1, 28)]
    public int BillingDay { get; set; } = 1;
}
