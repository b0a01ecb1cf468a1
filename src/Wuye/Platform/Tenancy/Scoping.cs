namespace Wuye.Platform.Tenancy;

/// <summary>
/// A record that belongs to a company and, below it, possibly to a project, zone and unit.
/// The query filters in <see cref="Database.WuyeDb"/> read these columns (by name: CompanyId,
/// ProjectId, ZoneId, UnitId) to decide who sees the row. Master records that are themselves
/// a level of the tree (Company, Project, Zone, Unit) mark their own Id with <see cref="ScopeSelfAttribute"/>.
/// </summary>
public interface IScoped
{
    Guid CompanyId { get; }
}

public enum ScopeLevel { Company, Project, Zone, Unit }

/// <summary>This entity is the <paramref name="level"/> itself: its Id is that level's key.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScopeSelfAttribute(ScopeLevel level) : Attribute
{
    public ScopeLevel Level { get; } = level;
}
