using System.ComponentModel.DataAnnotations;

namespace Wuye.Modules.MasterData.Domain;

/// <summary>The import settings under <c>Wuye:Import</c>, with their defaults (checked at start).</summary>
internal sealed class ImportOptions
{
    public const string Section = "Wuye:Import";

    /// <summary>The largest import file accepted, in bytes (20 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}
