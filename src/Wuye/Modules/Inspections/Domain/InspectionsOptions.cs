using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Inspections.Domain;

/// <summary>The inspection settings under <c>Wuye:Inspections</c>, with their defaults (checked at start).</summary>
internal sealed class InspectionsOptions
{
    public const string Section = "Wuye:Inspections";

    /// <summary>Points added to the first and deducted from the last team leader of a quarter's mutual-check ranking.</summary>
    [Range(0, 100)]
    public decimal LeaderPoints { get; set; } = 2m;

    /// <summary>Hours before Friday 17:00 China time when a missing weekly site report is reminded.</summary>
    [Range(0, 72)]
    public double ReportReminderHours { get; set; } = 8.0;

    /// <summary>Days before a monthly or quarterly site survey falls due when it is reminded.</summary>
    [Range(0, 60)]
    public double SurveyReminderDays { get; set; } = 3.0;
}
