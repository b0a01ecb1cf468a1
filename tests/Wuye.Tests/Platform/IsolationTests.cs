using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// Walks every API endpoint the app maps (so new modules are covered without editing this
/// test) as a user who must not see the records of the company under test, and proves that
/// nothing of that company comes back: no list row, no record by id, no write.
/// </summary>
public sealed partial class IsolationTests(SharedApp shared) : IClassFixture<SharedApp>
{
    // One app for the walks: they write nothing (a write that succeeds is itself a finding).
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private sealed record Foreign(HashSet<Guid> Ids, Dictionary<string, Guid> Sample);

    /// <summary>
    /// Every id the outsider must not see, from every scoped table in the model (so a new
    /// module's records are included without editing this test), and one id of each kind to
    /// put in routes, query strings and bodies.
    /// </summary>
    private Task<Foreign> ForeignDataAsync(
        Func<Wuye.Platform.Database.WuyeDb, IQueryable<Guid>> companies,
        Func<Wuye.Platform.Database.WuyeDb, IQueryable<Guid>>? projects = null
    ) =>
        _app.DbAsync(async db =>
        {
            var companyIds = await companies(db).ToListAsync();
            var projectIds = projects is null
                ? await db.Projects().Where(p => companyIds.Contains(p.CompanyId)).Select(p => p.Id).ToListAsync()
                : await projects(db).ToListAsync();
            var ids = new HashSet<Guid>();
            var sample = new Dictionary<string, Guid>();
            await using var conn = new Npgsql.NpgsqlConnection(_app.ConnectionString);
            await conn.OpenAsync();
            foreach (var et in db.Model.GetEntityTypes().Where(t => typeof(Wuye.Platform.Tenancy.IScoped).IsAssignableFrom(t.ClrType)))
            {
                // Tables whose rows have no uuid id (the collection tally PostgreSQL keeps) are never named in a route or a body;
                // what they add up to is read through endpoints that are walked below.
                if (et.FindProperty("Id")?.ClrType != typeof(Guid))
                    continue;
                var table = $"{et.GetSchema()}.{et.GetTableName()}";
                var columns = et.GetProperties().Select(p => p.GetColumnName()).ToHashSet();
                var self = et
                    .ClrType.GetCustomAttributes(typeof(Wuye.Platform.Tenancy.ScopeSelfAttribute), false)
                    .Cast<Wuye.Platform.Tenancy.ScopeSelfAttribute>()
                    .FirstOrDefault()
                    ?.Level;
                string where;
                if (projects is null)
                    where = self == Wuye.Platform.Tenancy.ScopeLevel.Company ? "id = any(@c)" : "company_id = any(@c)";
                else if (self == Wuye.Platform.Tenancy.ScopeLevel.Project)
                    where = "id = any(@p)";
                else if (columns.Contains("project_id"))
                    where = "project_id = any(@p)";
                else if (self == Wuye.Platform.Tenancy.ScopeLevel.Company)
                    where = "id = any(@c)";
                else
                    where = "company_id = any(@c)";
                await using var cmd = new Npgsql.NpgsqlCommand($"select id from {table} where {where} order by id limit 2000", conn);
                cmd.Parameters.AddWithValue("c", companyIds.ToArray());
                cmd.Parameters.AddWithValue("p", projectIds.ToArray());
                await using var r = await cmd.ExecuteReaderAsync();
                var first = true;
                while (await r.ReadAsync())
                {
                    var id = r.GetGuid(0);
                    ids.Add(id);
                    if (first)
                        sample[char.ToLowerInvariant(et.ClrType.Name[0]) + et.ClrType.Name[1..] + "Id"] = id;
                    first = false;
                }
            }
            return new Foreign(ids, sample);
        });

    [Fact]
    public async Task A_user_of_another_company_sees_nothing_of_this_company_on_any_endpoint()
    {
        var foreign = await ForeignDataAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id));
        var outsider = await _app.As("manager2");
        var findings = await WalkAsync(outsider, foreign);
        Assert.True(findings.Count == 0, "Leaks:\n" + string.Join('\n', findings));
    }

    [Fact]
    public async Task A_steward_sees_nothing_of_other_projects_on_any_endpoint()
    {
        var stewardProject = await _app.DbAsync(db => db.Zones().Where(z => z.StewardUserId != null).Select(z => z.ProjectId).FirstAsync());
        var foreign = await ForeignDataAsync(
            db => db.Companies().Where(c => !c.Name.StartsWith("锦华")).Select(c => c.Id),
            db => db.Projects().Where(p => p.Id != stewardProject).Select(p => p.Id)
        );
        var findings = await WalkAsync(await _app.As("steward"), foreign);
        Assert.True(findings.Count == 0, "Leaks:\n" + string.Join('\n', findings));
    }

    [Fact]
    public async Task An_owner_sees_only_their_own_units()
    {
        var owner = await _app.As("owner");
        var units = await owner.GetJsonAsync("/api/v1/units?pageSize=200");
        Assert.Equal(1, units.GetProperty("total").GetInt32());
        var ownUnit = units.GetProperty("items")[0].GetProperty("id").GetGuid();
        // Everything outside the owner's project, and every other unit of that project.
        var ownProject = await _app.DbAsync(db => db.Units().Where(u => u.Id == ownUnit).Select(u => u.ProjectId).FirstAsync());
        var foreign = await ForeignDataAsync(
            db => db.Companies().Where(c => !c.Name.StartsWith("锦华")).Select(c => c.Id),
            db => db.Projects().Where(p => p.Id != ownProject).Select(p => p.Id)
        );
        foreign.Ids.UnionWith(
            await _app.DbAsync(db => db.Units().Where(u => u.ProjectId == ownProject && u.Id != ownUnit).Select(u => u.Id).ToListAsync())
        );
        var findings = await WalkAsync(owner, foreign);
        Assert.True(findings.Count == 0, "Leaks:\n" + string.Join('\n', findings));
    }

    [Fact]
    public async Task The_walk_covers_the_API()
    {
        var endpoints = ApiEndpoints().ToList();
        Assert.Contains(endpoints, e => e.Pattern.TrimEnd('/') == "/api/v1/projects" && e.Method == "GET");
        Assert.Contains(endpoints, e => e.Pattern.TrimEnd('/') == "/api/v1/projects" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/units/{id:guid}" && e.Method == "GET");
        Assert.Contains(endpoints, e => e.Pattern.TrimEnd('/') == "/api/v1/change-logs" && e.Method == "GET");
        // The account endpoints are walked too: nobody disables, resets or invites outside their scope.
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/users/{id:guid}/reset-password" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/staff/{id:guid}/account" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern.TrimEnd('/') == "/api/v1/invitations" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/account/sessions/{id:guid}" && e.Method == "DELETE");
        // The sender's deliveries (a retry of another's message is a write found nowhere) and the anonymous receipt push.
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/message-deliveries/{id:guid}/retry" && e.Method == "POST");
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/sms-receipts" && e.Method == "POST");
        // A notice's attachment is read past the file store's filter once the notice may be read: walked with a foreign one.
        Assert.Contains(endpoints, e => e.Pattern == "/api/v1/notices/attachments/{id:guid}" && e.Method == "GET");
        Assert.True(endpoints.Count >= 13, $"only {endpoints.Count} endpoints found");
    }

    private IEnumerable<(string Pattern, string Method)> ApiEndpoints() =>
        _app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/v1") && !raw.StartsWith("/api/v1/auth") && raw != "/api/v1/me"
            )
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (e.RoutePattern.RawText!, m))
            )
            .Distinct();

    private async Task<List<string>> WalkAsync(HttpClient client, Foreign foreign)
    {
        var findings = new List<string>();
        var query = string.Join('&', foreign.Sample.Select(kv => $"{kv.Key}={kv.Value}"));
        Assert.True(
            foreign.Sample.ContainsKey("projectId") && foreign.Sample.ContainsKey("unitId"),
            "the walk needs foreign projects and units"
        );
        var body = foreign.Sample.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        body["name"] = "isolation probe";
        body["kind"] = "residential";
        body["entityId"] = foreign.Sample["projectId"];

        foreach (var (pattern, method) in ApiEndpoints())
        {
            var routeIds = RouteParam().IsMatch(pattern) ? foreign.Sample.Values.ToList() : [Guid.Empty];
            foreach (var id in routeIds)
            {
                var notFound = false;
                var path = RouteParam().Replace(pattern, id.ToString());
                foreach (
                    var url in method == "GET"
                        ? new[] { path, $"{path}?{query}", $"{path}?entityId={foreign.Sample["projectId"]}" }
                        : [path]
                )
                {
                    // A record its route cannot find (404: not visible, or an id of another kind) is not found by the query forms
                    // either, which only add the other scope's ids (the scope resolver reads projectId from the query, so a query
                    // can narrow what a caller may open, never widen it): they are asked where the route found something.
                    if (url != path && notFound)
                        break;
                    var req = new HttpRequestMessage(new HttpMethod(method), url);
                    if (method != "GET")
                        req.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
                    var res = await client.SendAsync(req);
                    var text = await res.Content.ReadAsStringAsync();
                    if (url == path)
                        notFound = routeIds[0] != Guid.Empty && res.StatusCode == HttpStatusCode.NotFound;
                    if ((int)res.StatusCode >= 500)
                        findings.Add($"{method} {url} answered {(int)res.StatusCode}");
                    if (method != "GET" && res.IsSuccessStatusCode)
                        findings.Add($"{method} {url} succeeded on another scope's record");
                    if (method == "GET" && routeIds[0] != Guid.Empty && res.IsSuccessStatusCode)
                        findings.Add($"GET {url} returned another scope's record");
                    foreach (Match m in GuidRe().Matches(text))
                        // (a 404 names the path it was asked, so an id in the URL is no leak)
                        if (Guid.TryParse(m.Value, out var g) && foreign.Ids.Contains(g) && !url.Contains(m.Value))
                        {
                            findings.Add($"{method} {url} revealed {g}");
                            break;
                        }
                }
            }
        }
        return findings;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParam();

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidRe();
}
