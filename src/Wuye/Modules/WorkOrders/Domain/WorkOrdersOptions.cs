using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.WorkOrders.Domain;

/// <summary>The work-order settings under <c>Wuye:WorkOrders</c>, with their defaults (checked at start).</summary>
internal sealed class WorkOrdersOptions
{
    public const string Section = "Wuye:WorkOrders";

    /// <summary>How many minutes before a time limit runs out the assignee is warned.</summary>
    [Range(0, 24 * 60)]
    public int WarnBeforeMinutes { get; set; } = 30;

    /// <summary>Work orders the escalation job looks at per run (every minute); the rest wait for the next run.</summary>
    [Range(1, 100_000)]
    public int EscalationBatchSize { get; set; } = 500;

    /// <summary>The largest history import (CSV) one upload may bring, in MB; the rows are read one by one, so any count fits.</summary>
    [Range(1, 1024)]
    public int ImportMaxMegabytes { get; set; } = 256;

    /// <summary>What the import page's form may bring at most, whatever the setting (the setting is checked after).</summary>
    public const long ImportUploadCeiling = 1025L * 1024 * 1024;
}
