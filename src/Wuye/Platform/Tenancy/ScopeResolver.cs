using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using Wuye.Platform;
using Wuye.Platform.Identity;

namespace Wuye.Platform.Tenancy;

/// <summary>
/// Builds a <see cref="DataScope"/> from role assignments and owned units, in one round trip,
/// with plain SQL so that it never passes through the query filters it feeds.
/// </summary>
public sealed class ScopeResolver(
    NpgsqlDataSource db,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    Microsoft.Extensions.Options.IOptions<WuyeOptions> options,
    TimeProvider clock
)
{
    private static long _generation;

    /// <summary>
    /// Called by WuyeDb when role assignments, people or unit links change: every cached scope
    /// in this process is dropped at once. Other app instances drop theirs within the cache
    /// lifetime (Wuye:Scope:CacheSeconds, default 15 s).
    /// </summary>
    public static void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The scope of a user, from a short-lived cache (one SQL round trip saved per request).</summary>
    public async Task<DataScope> GetAsync(Guid userId, string? userName, CancellationToken ct)
    {
        var seconds = options.Value.Scope.CacheSeconds;
        if (seconds <= 0)
            return await ResolveAsync(userId, userName, ct);
        var key = (userId, Interlocked.Read(ref _generation));
        if (cache.TryGetValue(key, out DataScope? cached) && cached is not null)
            return cached;
        var scope = await ResolveAsync(userId, userName, ct);
        cache.Set(key, scope, TimeSpan.FromSeconds(seconds));
        return scope;
    }

    private sealed record Row(string Kind, string? Role, Guid? A, Guid? B, Guid? C, Guid? D, Guid? E);

    public async Task<DataScope> ResolveAsync(Guid userId, string? userName, CancellationToken ct)
    {
        const string sql = """
            select 'grant' as kind, ra.role, ra.regulator_id as a, ra.company_id as b, ra.project_id as c, ra.zone_id as d, null::uuid as e
              from identity.role_assignment ra where ra.user_id = @u
            union all
            select 'regulated', null, c.id, null, null, null, null from master_data.company c
              join identity.role_assignment ra on ra.regulator_id = c.regulator_id and ra.role = 'regulator'
             where ra.user_id = @u and c.archived_at is null
            union all
            select 'zone_project', null, z.project_id, z.company_id, null, null, null from master_data.zone z
              join identity.role_assignment ra on ra.zone_id = z.id where ra.user_id = @u and ra.role <> 'owner'
            union all
            select 'project_company', null, p.id, p.company_id, null, null, null from master_data.project p
              join identity.role_assignment ra on ra.project_id = p.id where ra.user_id = @u and ra.role <> 'owner'
            union all
            select 'unit', null, un.id, un.company_id, un.project_id, un.zone_id, un.building_id from master_data.unit_occupant o
              join master_data.person pe on pe.id = o.person_id
              join master_data.unit un on un.id = o.unit_id
             where pe.user_id = @u and pe.archived_at is null and (o.until is null or o.until >= @today)
               and un.archived_at is null
            union all
            select 'unit', null, un.id, un.company_id, un.project_id, un.zone_id, un.building_id from identity.role_assignment ra
              join master_data.unit un on un.id = ra.unit_id
             where ra.user_id = @u and un.archived_at is null
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (
            await conn.QueryAsync<Row>(
                new CommandDefinition(sql, new { u = userId, today = Web.ChinaTime.Today(clock) }, cancellationToken: ct)
            )
        ).ToList();

        var grants = rows.Where(r => r.Kind == "grant").ToList();
        var roles = grants.Select(g => g.Role!).Distinct().ToList();
        var fullCompanies = new HashSet<Guid>();
        var fullProjects = new HashSet<Guid>();
        var zones = new HashSet<Guid>();
        var regulators = new HashSet<Guid>();
        var global = false;
        // A grant's level is the most specific key it names, whatever the role: a quality
        // inspector of the company's quality department is granted at the company, one posted
        // to a project at that project. The owners' committee oversees through its own views only.
        foreach (var g in grants.Where(g => g.Role is not (Roles.OwnersCommittee or Roles.Owner)))
        {
            if (g.Role == Roles.PlatformAdmin)
                global = true;
            else if (g.D is { } zone)
                zones.Add(zone);
            else if (g.C is { } project)
                fullProjects.Add(project);
            else if (g.B is { } company)
                fullCompanies.Add(company);
            else if (g.A is { } regulator)
                regulators.Add(regulator);
        }
        var staffProjects = new HashSet<Guid>(fullProjects);
        var staffCompanies = new HashSet<Guid>(fullCompanies);
        foreach (var r in rows.Where(r => r.Kind is "zone_project" or "project_company"))
        {
            staffProjects.Add(r.A!.Value);
            staffCompanies.Add(r.B!.Value);
        }
        var unitRows = rows.Where(r => r.Kind == "unit").ToList();
        if (unitRows.Count > 0 && !roles.Contains(Roles.Owner))
            roles.Add(Roles.Owner);
        var ancestors = unitRows.SelectMany(u => new[] { u.B, u.C, u.D, u.E }).OfType<Guid>();
        var regulated = rows.Where(r => r.Kind == "regulated").Select(r => r.A!.Value);

        return new DataScope
        {
            UserId = userId,
            UserName = userName,
            IsGlobal = global,
            Roles = [.. roles],
            FullCompanies = [.. fullCompanies],
            ReadCompanies = [.. fullCompanies.Union(regulated)],
            FullProjects = [.. fullProjects],
            Zones = [.. zones],
            Units = [.. unitRows.Select(u => u.A!.Value).Distinct()],
            StaffProjects = [.. staffProjects],
            StaffCompanies = [.. staffCompanies],
            Ancestors = [.. ancestors.Distinct()],
            Regulators = [.. regulators],
            Grants =
            [
                .. grants
                    .Where(g =>
                        g.Role is not (Roles.OwnersCommittee or Roles.Owner or Roles.PlatformAdmin or Roles.Regulator)
                        && (g.B ?? g.C ?? g.D) is not null
                    )
                    .Select(g => new ScopeGrant(g.Role!, g.B, g.C, g.D))
                    .Distinct(),
            ],
        };
    }
}

/// <summary>Sets the request's scope from the signed-in user, before any endpoint or page runs.</summary>
internal sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, ScopeAccessor accessor, ScopeResolver resolver)
    {
        if (
            http.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        )
        {
            accessor.Scope = await resolver.GetAsync(userId, http.User.Identity.Name, http.RequestAborted);
        }
        await next(http);
    }
}
