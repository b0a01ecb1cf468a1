using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.Security.Domain;

/// <summary>The security settings under <c>Wuye:Security</c>, with their defaults (checked at start).</summary>
internal sealed class SecurityOptions
{
    public const string Section = "Wuye:Security";

    /// <summary>The fastest a guard can move between two checkpoints (m/s); faster is "impossible travel" (a scan not walked).</summary>
    [Range(0.5, 50)]
    public double MaxWalkingSpeed { get; set; } = 4.0;

    /// <summary>Days ahead (today included) for which the rounds of every route are generated.</summary>
    [Range(1, 7)]
    public int PlanDaysAhead { get; set; } = 2;

    /// <summary>Parking violations of one plate in a project within <see cref="RepeatViolationDays"/> that make a repeat violator
    /// (万科#15), escalated to the project manager.</summary>
    [Range(2, 20)]
    public int RepeatViolations { get; set; } = 3;

    /// <summary>The rolling window, in days, in which a plate's violations are counted.</summary>
    [Range(7, 366)]
    public int RepeatViolationDays { get; set; } = 90;

    /// <summary>Minutes after its issue within which the booth guard voids a receipt the driver did not take (万科#6); later only the
    /// supervisor may.</summary>
    [Range(1, 240)]
    public int ReceiptVoidMinutes { get; set; } = 10;

    /// <summary>The days of CCTV footage that must be kept (001: 监控录像保存不少于 30 天); a daily check finding fewer is a finding.</summary>
    [Range(7, 366)]
    public int CctvRetentionDays { get; set; } = 30;
}
