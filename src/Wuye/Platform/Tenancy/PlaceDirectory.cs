namespace Wuye.Platform.Tenancy;

/// <summary>Where a record sits in the tree: its company and, below it, project, zone and unit.</summary>
public sealed record PlaceKeys(Guid CompanyId, Guid? ProjectId, Guid? ZoneId, Guid? UnitId, bool Archived = false);

/// <summary>
/// Looks up a project or unit's place in the tree, as the current reader sees it: null when it
/// does not exist or is outside the reader's scope (say "not found, or not yours"). An archived place
/// is returned with <see cref="PlaceKeys.Archived"/> set: new work refuses it, history keeps it.
/// The master data module implements it; the platform and every module use it instead of the tables.
/// </summary>
public interface IPlaceDirectory
{
    Task<PlaceKeys?> ProjectAsync(Guid projectId, CancellationToken ct);
    Task<PlaceKeys?> UnitAsync(Guid unitId, CancellationToken ct);
}
