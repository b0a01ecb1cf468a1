using System.Linq.Expressions;

namespace Wuye.Platform.Tenancy;

/// <summary>
/// What the signed-in user may see, as sets of keys of the tree
/// regulator → company → project → zone → unit. Built once per request from the user's role
/// assignments and units; every query filter and write check reads it.
/// </summary>
public sealed class DataScope
{
    public Guid? UserId { get; init; }
    public string? UserName { get; init; }
    public bool IsGlobal { get; init; }
    public string[] Roles { get; init; } = [];
    /// <summary>Companies whose every row the user may read and write (company-level roles).</summary>
    public Guid[] FullCompanies { get; init; } = [];
    /// <summary>FullCompanies plus the companies a regulator oversees (read only).</summary>
    public Guid[] ReadCompanies { get; init; } = [];
    public Guid[] FullProjects { get; init; } = [];
    public Guid[] Zones { get; init; } = [];
    public Guid[] Units { get; init; } = [];
    /// <summary>Projects where the user works at some level: their project-wide reference rows are visible.</summary>
    public Guid[] StaffProjects { get; init; } = [];
    /// <summary>Companies where the user works at some level: their company-wide reference rows are visible.</summary>
    public Guid[] StaffCompanies { get; init; } = [];
    /// <summary>Company, project, zone and building ids above the user's own units (owners see their names).</summary>
    public Guid[] Ancestors { get; init; } = [];
    public Guid[] Regulators { get; init; } = [];

    public static readonly DataScope Nobody = new();
    /// <summary>For the scheduler, seeding and migrations: sees everything, acts as the system.</summary>
    public static readonly DataScope System = new() { IsGlobal = true, Roles = ["system"] };

    public bool HasRole(string role) => IsGlobal && Roles.Contains("system") || Roles.Contains(role);

    /// <summary>
    /// The read rule, as an expression so EF Core turns it into SQL (key = ANY(@array)). Its
    /// inputs are plain values (EF parameterises only simple values read off the DbContext, so
    /// <see cref="Database.WuyeDb"/> exposes each set as a property of its own):
    /// global, readCompanies, fullProjects, zones, units, staffProjects, staffCompanies, then
    /// the row's company, project, zone and unit keys (null where the row has none).
    /// </summary>
    public static readonly Expression<Func<bool, Guid[], Guid[], Guid[], Guid[], Guid[], Guid[], Guid, Guid?, Guid?, Guid?, bool>> ReadRule =
        (global, readCompanies, fullProjects, zones, units, staffProjects, staffCompanies, c, p, z, u) =>
            global
            || readCompanies.Contains(c)
            || (p != null && fullProjects.Contains(p.Value))
            || (z != null && zones.Contains(z.Value))
            || (u != null && units.Contains(u.Value))
            || (p != null && z == null && u == null && staffProjects.Contains(p.Value))
            || (p == null && staffCompanies.Contains(c));


    /// <summary>
    /// The write rule is narrower than the read rule: reference rows seen through a lower
    /// grant, and everything a regulator oversees, are read only.
    /// </summary>
    public bool CanWrite(Guid c, Guid? p, Guid? z, Guid? u) =>
        IsGlobal
        || FullCompanies.Contains(c)
        || (p is { } pp && FullProjects.Contains(pp))
        || (z is { } zz && Zones.Contains(zz))
        || (u is { } uu && Units.Contains(uu));
}

/// <summary>Holds the scope of the current request (or job); set once by the scope middleware.</summary>
public sealed class ScopeAccessor
{
    public DataScope Scope { get; set; } = DataScope.Nobody;
}
