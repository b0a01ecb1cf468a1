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

    /// <summary>The user's staff grants one by one (role and place), for checks that need the role held at the record's place.</summary>
    public ScopeGrant[] Grants { get; init; } = [];

    /// <summary>
    /// Set when the endpoint demands roles: writes are then allowed only where one of these roles
    /// is held, so a technician of one project who manages another cannot act as a manager in the first.
    /// </summary>
    public string[]? ActingRoles { get; private set; }

    public static readonly DataScope Nobody = new();

    /// <summary>For the scheduler, seeding and migrations: sees everything, acts as the system.</summary>
    public static readonly DataScope System = new() { IsGlobal = true, Roles = ["system"] };

    public bool HasRole(string role) => IsGlobal && Roles.Contains("system") || Roles.Contains(role);

    /// <summary>Whether one of these roles is held at the record's place or above it (zone, project or company).</summary>
    public bool HasRoleAt(IEnumerable<string> roles, Guid company, Guid? project, Guid? zone)
    {
        if (IsGlobal)
            return true;
        var wanted = roles as ICollection<string> ?? [.. roles];
        return Grants.Any(g => wanted.Contains(g.Role) && g.Covers(company, project, zone));
    }

    /// <summary>
    /// Whether the user works at the project (any staff grant at its company, at it, or at one of its zones). Not the same as
    /// seeing the project: owners and tenants see the projects they live in (<see cref="Ancestors"/>), so "the project is
    /// visible" must not gate staff-only reads that run with the filters off.
    /// </summary>
    public bool WorksAt(Guid company, Guid project) =>
        IsGlobal || FullCompanies.Contains(company) || FullProjects.Contains(project) || StaffProjects.Contains(project);

    /// <summary>This scope, with writes narrowed to the places where one of <paramref name="roles"/> is held.</summary>
    public DataScope ActingAs(IReadOnlyCollection<string> roles)
    {
        if (IsGlobal)
            return this;
        var copy = (DataScope)MemberwiseClone();
        copy.ActingRoles = ActingRoles is null ? [.. roles] : [.. ActingRoles.Intersect(roles)];
        return copy;
    }

    /// <summary>
    /// The read rule, as an expression so EF Core turns it into SQL (key = ANY(@array)). Its
    /// inputs are plain values (EF parameterises only simple values read off the DbContext, so
    /// <see cref="Database.WuyeDb"/> exposes each set as a property of its own):
    /// global, readCompanies, fullProjects, zones, units, staffProjects, staffCompanies, then
    /// the row's company, project, zone and unit keys (null where the row has none).
    /// </summary>
    public static readonly Expression<
        Func<bool, Guid[], Guid[], Guid[], Guid[], Guid[], Guid[], Guid, Guid?, Guid?, Guid?, bool>
    > ReadRule = (global, readCompanies, fullProjects, zones, units, staffProjects, staffCompanies, c, p, z, u) =>
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
        || (
            ActingRoles is { } acting
                ? Grants.Any(g => acting.Contains(g.Role) && g.Covers(c, p, z))
                    || (u is { } own && acting.Contains(Identity.Roles.Owner) && Units.Contains(own))
                : CanWriteAnyRole(c, p, z, u)
        );

    /// <summary>
    /// The write rule of <see cref="IRegulatorOwned"/> records: the regulator's own staff acting as regulators, and, for a record
    /// about a company, only a company that regulator oversees. Company staff never write them.
    /// </summary>
    public bool CanWriteAsRegulator(Guid regulator, Guid? company) =>
        IsGlobal
        || (
            Regulators.Contains(regulator)
            && (ActingRoles is null || ActingRoles.Contains(Identity.Roles.Regulator))
            && (company is not { } c || ReadCompanies.Contains(c))
        );

    /// <summary>
    /// A regulator's staff may ADD a stored file (a photo as the evidence of its own record) for a company it oversees — never
    /// change or delete one, and nothing else of the company's (<see cref="Database.WuyeDb"/> checks it on every save).
    /// </summary>
    public bool CanAddFileAsRegulator(Guid company) =>
        Regulators.Length > 0 && (ActingRoles is null || ActingRoles.Contains(Identity.Roles.Regulator)) && ReadCompanies.Contains(company);

    private bool CanWriteAnyRole(Guid c, Guid? p, Guid? z, Guid? u) =>
        FullCompanies.Contains(c)
        || (p is { } pp && FullProjects.Contains(pp))
        || (z is { } zz && Zones.Contains(zz))
        || (u is { } uu && Units.Contains(uu));
}

/// <summary>One staff role assignment: its level is the most specific key it names.</summary>
public sealed record ScopeGrant(string Role, Guid? Company, Guid? Project, Guid? Zone)
{
    public bool Covers(Guid company, Guid? project, Guid? zone) =>
        Zone is { } z ? zone == z
        : Project is { } p ? project == p
        : Company == company;
}

/// <summary>Holds the scope of the current request (or job); set once by the scope middleware.</summary>
public sealed class ScopeAccessor
{
    public DataScope Scope { get; set; } = DataScope.Nobody;

    /// <summary>
    /// For pages (endpoints get this from RequireRoles): whether the user holds one of these
    /// roles; if so, the request's writes are narrowed to the places where they hold it.
    /// </summary>
    public bool ActAs(params string[] roles)
    {
        if (Scope.IsGlobal)
            return true;
        if (!roles.Any(Scope.Roles.Contains))
            return false;
        Scope = Scope.ActingAs(roles);
        return true;
    }
}
