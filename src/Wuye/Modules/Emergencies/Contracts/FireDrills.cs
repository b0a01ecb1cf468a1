namespace Wuye.Modules.Emergencies.Contracts;

/// <summary>What other modules may read of drills: each project's last completed fire drill (security tracks the half-yearly fire
/// drill as a duty, 001).</summary>
public interface IFireDrills
{
    /// <summary>For each of <paramref name="projectIds"/> the reader may see with a completed fire drill, when the last one was
    /// completed.</summary>
    Task<Dictionary<Guid, DateTimeOffset>> LastCompletedAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct);
}
