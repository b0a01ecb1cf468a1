namespace Wuye.Modules.Facilities.Contracts;

/// <summary>What other modules may read of maintenance: when each project's fire equipment (fire-system assets) was last checked by
/// a maintenance task done (security tracks the fire-equipment check as a duty, 001).</summary>
public interface IFireEquipmentChecks
{
    /// <summary>For each of <paramref name="projectIds"/> the reader may see with a fire-system maintenance task done, when the last
    /// one was done.</summary>
    Task<Dictionary<Guid, DateTimeOffset>> LastDoneAsync(IReadOnlyCollection<Guid> projectIds, CancellationToken ct);
}
