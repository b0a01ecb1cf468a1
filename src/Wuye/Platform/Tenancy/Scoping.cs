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

public enum ScopeLevel
{
    Company,
    Project,
    Zone,
    Unit,
}

/// <summary>This entity is the <paramref name="level"/> itself: its Id is that level's key.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ScopeSelfAttribute(ScopeLevel level) : Attribute
{
    public ScopeLevel Level { get; } = level;
}

/// <summary>A level above units (company, project, zone, building): owners see its name through their units.</summary>
public interface IUnitAncestor;

/// <summary>A record tied to a sign-in account (a person): that account always sees it, whatever its grants.</summary>
public interface IPersonalRecord
{
    Guid? UserId { get; }
}

/// <summary>A regulator (主管部门): the platform and its own staff see the record.</summary>
public interface IRegulatorRecord;

/// <summary>
/// A record a regulator keeps (a conduct record, a scoring table, a ledger entry): only that regulator's staff (or the
/// platform) may write it, even when it is also <see cref="IScoped"/> to the company it is about, whose staff then read it only.
/// Not IScoped: only the regulator's staff and the platform read it.
/// </summary>
public interface IRegulatorOwned
{
    Guid RegulatorId { get; }
}

/// <summary>A record whose changes change who sees what (units, zones, people and their links to units): saving one drops the cached
/// scopes.</summary>
public interface IScopeSource;
