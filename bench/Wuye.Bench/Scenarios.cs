using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wuye.Bench;

/// <summary>What every scenario needs: a client, a signed-in manager, and ids to ask for.</summary>
public sealed class BenchContext
{
    public required HttpClient Client { get; init; }
    public required string Token { get; init; }
    public required Guid CompanyId { get; init; }
    public required Guid ProjectId { get; init; }
    public required Guid UnitId { get; init; }

    /// <summary>
    /// The unit the create scenario reports for: in another project than the one the list reads,
    /// so the open requests that creating adds (tens of thousands a run) do not change what the
    /// list counts from one run to the next.
    /// </summary>
    public required Guid CreateUnitId { get; init; }
    public required Guid UserId { get; init; }

    /// <summary>A request with a work order and a timeline (not a bulk-generated bare one), for the detail scenario.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>The size of the bench data (small in the smoke test), which says how big the scenarios' own data is made.</summary>
    public string Size { get; set; } = "small";
    public string RunId { get; } = DateTime.UtcNow.ToString("HHmmss") + Random.Shared.Next(1000, 9999);
    private long _sequence;

    /// <summary>Unique across rounds and sides, for records that must not repeat (names).</summary>
    public long Next() => Interlocked.Increment(ref _sequence);

    public const string User = "manager";
    public const string Password = "Wuye@2026";

    public static async Task<BenchContext> CreateAsync(HttpClient client)
    {
        var tokenRes = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = User, password = Password });
        tokenRes.EnsureSuccessStatusCode();
        var token = (await tokenRes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        async Task<JsonElement> Get(string url)
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, url);
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var res = await client.SendAsync(req);
            res.EnsureSuccessStatusCode();
            return await res.Content.ReadFromJsonAsync<JsonElement>();
        }
        var me = await Get("/api/v1/me");
        // The project of the first unit: every project of the company has requests (bulk and demo).
        var first = (await Get("/api/v1/units?pageSize=1")).GetProperty("items")[0];
        var project = first.GetProperty("projectId").GetGuid();
        var unit = first.GetProperty("id").GetGuid();
        // Another project of the company with units (a pre-handover site has none); the same unit when there is none.
        var createUnit = unit;
        foreach (
            var other in (await Get("/api/v1/projects?pageSize=20"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(p => p.GetProperty("id").GetGuid())
                .Where(p => p != project)
        )
        {
            var units = (await Get($"/api/v1/units?projectId={other}&pageSize=1")).GetProperty("items");
            if (units.GetArrayLength() == 0)
                continue;
            createUnit = units[0].GetProperty("id").GetGuid();
            break;
        }
        var orders = (await Get($"/api/v1/work-orders?projectId={project}&pageSize=1")).GetProperty("items");
        var request =
            orders.GetArrayLength() > 0
                ? orders[0].GetProperty("serviceRequestId").GetGuid()
                : (await Get($"/api/v1/service-requests?projectId={project}&pageSize=1"))
                    .GetProperty("items")[0]
                    .GetProperty("id")
                    .GetGuid();
        return new BenchContext
        {
            Client = client,
            Token = token,
            CompanyId = me.GetProperty("companies")[0].GetGuid(),
            ProjectId = project,
            UnitId = unit,
            CreateUnitId = createUnit,
            UserId = me.GetProperty("id").GetGuid(),
            RequestId = request,
        };
    }

    /// <summary>The rates and energy scenarios' company (<see cref="BenchGroup"/>): its manager's token, id, office complex.</summary>
    public GroupContext? Group { get; set; }

    /// <summary>The patrol scenario's guards, each with their token and open round (<see cref="PatrolBench.PrepareAsync"/>).</summary>
    public IReadOnlyList<PatrolGuard> Guards { get; set; } = [];

    public HttpRequestMessage Authed(HttpMethod method, string url, object? body = null, string? token = null)
    {
        var req = new HttpRequestMessage(method, url);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        if (body is not null)
            req.Content = JsonContent.Create(body);
        return req;
    }
}

/// <summary>A hot path measured through the full app (A) and through the raw baseline (B).</summary>
public sealed record Scenario(
    string Name,
    string Description,
    double? MinRatio,
    Func<BenchContext, long, Task<HttpResponseMessage>> App,
    Func<BenchContext, long, Task<HttpResponseMessage>> Raw,
    int? Connections = null,
    double? MaxP95Ms = null,
    double? MaxP99Ms = null,
    Func<BenchContext, int, Task>? Prepare = null
);

public static class Scenarios
{
    public static readonly IReadOnlyList<Scenario> All =
    [
        new(
            "create",
            "POST a unit's service request through the full handler (validation, unit in scope, time-limit row and calendar, clocks, "
                + "work order, timeline, notification of customer service, history rows)",
            0.75,
            (c, n) =>
                c.Client.SendAsync(
                    c.Authed(
                        HttpMethod.Post,
                        "/api/v1/service-requests",
                        new
                        {
                            unitId = c.CreateUnitId,
                            category = "plumbing",
                            description = $"压测报修 {c.RunId}-{c.Next()}",
                        }
                    )
                ),
            (c, n) =>
                c.Client.PostAsJsonAsync(
                    "/bench/raw/service-requests",
                    new
                    {
                        companyId = c.CompanyId,
                        userId = c.UserId,
                        unitId = c.CreateUnitId,
                        category = "Plumbing",
                        description = $"压测报修 {c.RunId}-{c.Next()}",
                    }
                )
        ),
        new(
            "list",
            "GET a page of 20 open service requests of one project, newest first, with the count (the company holds 1,000,000)",
            0.8,
            (c, n) =>
                c.Client.SendAsync(
                    c.Authed(HttpMethod.Get, $"/api/v1/service-requests?projectId={c.ProjectId}&status=open&page={n % 10 + 1}&pageSize=20")
                ),
            (c, n) =>
                c.Client.GetAsync(
                    $"/bench/raw/service-requests?companyId={c.CompanyId}&projectId={c.ProjectId}&status=Open&page={n % 10 + 1}&pageSize=20"
                )
        ),
        new(
            "detail",
            "GET one service request with its work orders, timeline and return visits",
            null,
            (c, n) => c.Client.SendAsync(c.Authed(HttpMethod.Get, $"/api/v1/service-requests/{c.RequestId}")),
            (c, n) => c.Client.GetAsync($"/bench/raw/service-requests/{c.RequestId}?companyId={c.CompanyId}")
        ),
        new(
            "metrics",
            "GET the company's work-order metrics by project over the last 12 months (1,000,000 requests in that company; the app reads "
                + "the monthly rollup, raw scans the requests in one statement)",
            null,
            (c, n) => c.Client.SendAsync(c.Authed(HttpMethod.Get, $"/api/v1/work-order-metrics?companyId={c.CompanyId}&groupBy=project")),
            (c, n) => c.Client.GetAsync($"/bench/raw/work-order-metrics?companyId={c.CompanyId}"),
            Connections: 4,
            MaxP95Ms: 200
        ),
        new(
            "patrol",
            "POST a checkpoint scan (signed QR label, position) to a guard's open round, 500 guards each walking their own round at "
                + "once: label check, round and checkpoint in scope, inside the window, the scan and its history row (the walker on the "
                + "first scan), answered with the round's conformance",
            0.75,
            (c, n) =>
            {
                var g = c.Guards[(int)(n % c.Guards.Count)];
                return c.Client.SendAsync(
                    c.Authed(HttpMethod.Post, $"/api/v1/patrol-rounds/{g.RoundId}/scans", g.Scan(n, c.Guards.Count), g.Token)
                );
            },
            (c, n) =>
            {
                var g = c.Guards[(int)(n % c.Guards.Count)];
                return c.Client.PostAsJsonAsync($"/bench/raw/patrol-rounds/{g.RoundId}/scans", g.RawScan(n, c.Guards.Count, c.ProjectId));
            },
            Connections: 500,
            MaxP99Ms: 100,
            Prepare: PatrolBench.PrepareAsync
        ),
        new(
            "rates",
            "GET the collection rates of this period by project for a company of 200 projects and 100,000 units with 12 months of "
                + "bills and payments (current period and arrears recovery, by amount and households)",
            null,
            (c, n) => c.Client.SendAsync(c.Authed(HttpMethod.Get, "/api/v1/collection-rates?groupBy=project", token: c.Group!.Token)),
            (c, n) => c.Client.GetAsync($"/bench/raw/collection-rates?companyId={c.Group!.CompanyId}"),
            Connections: 4,
            MaxP95Ms: 300,
            Prepare: GroupContext.PrepareAsync
        ),
        new(
            "energy",
            "GET the energy analysis of this year for the office complex holding 1,000 of the company's 5,000 meters (36 months read): "
                + "by kind against last year, by meter, by building",
            null,
            (c, n) =>
                c.Client.SendAsync(
                    c.Authed(
                        HttpMethod.Get,
                        $"/api/v1/energy-analysis?projectId={c.Group!.OfficeProjectId}&year={c.Group.Year}",
                        token: c.Group.Token
                    )
                ),
            (c, n) =>
                c.Client.GetAsync(
                    $"/bench/raw/energy-analysis?companyId={c.Group!.CompanyId}&projectId={c.Group.OfficeProjectId}&year={c.Group.Year}"
                ),
            Connections: 4,
            MaxP95Ms: 300,
            Prepare: GroupContext.PrepareAsync
        ),
        new(
            "sign-in",
            "POST user name and password for a token (PBKDF2 dominates both sides)",
            null,
            (c, n) =>
                c.Client.PostAsJsonAsync("/api/v1/auth/token", new { userName = BenchContext.User, password = BenchContext.Password }),
            (c, n) => c.Client.PostAsJsonAsync("/bench/raw/token", new { userName = BenchContext.User, password = BenchContext.Password })
        ),
        new(
            "unit-list",
            "GET a page of 20 units of a project (master data)",
            null,
            (c, n) => c.Client.SendAsync(c.Authed(HttpMethod.Get, $"/api/v1/units?projectId={c.ProjectId}&page={n % 10 + 1}&pageSize=20")),
            (c, n) => c.Client.GetAsync($"/bench/raw/units?companyId={c.CompanyId}&projectId={c.ProjectId}&page={n % 10 + 1}&pageSize=20")
        ),
        new(
            "unit-detail",
            "GET one unit by id (master data)",
            null,
            (c, n) => c.Client.SendAsync(c.Authed(HttpMethod.Get, $"/api/v1/units/{c.UnitId}")),
            (c, n) => c.Client.GetAsync($"/bench/raw/units/{c.UnitId}?companyId={c.CompanyId}")
        ),
    ];
}

/// <summary>A guard of the patrol scenario: signed in, with the round they walk and its checkpoints' signed labels in order.</summary>
public sealed record PatrolGuard(string Token, Guid UserId, Guid RoundId, string[] Payloads, double Latitude, double Longitude)
{
    /// <summary>The next point of the route for this guard's scan number (the guard walks the route over and over).</summary>
    private string Payload(long n, int guards) => Payloads[(int)(n / guards % Payloads.Length)];

    public object Scan(long n, int guards) =>
        new
        {
            payload = Payload(n, guards),
            latitude = Latitude,
            longitude = Longitude,
        };

    public object RawScan(long n, int guards, Guid projectId) =>
        new
        {
            projectId,
            userId = UserId,
            payload = Payload(n, guards),
            latitude = Latitude,
            longitude = Longitude,
        };
}

/// <summary>
/// The patrol scenario's data: the bench host makes (once, idempotently) the guards, their routes, a plan covering the run and the open
/// rounds (<c>/bench/raw/patrol-setup</c>, Baseline/PatrolBaseline.cs); each guard then signs in with the password of every demo account.
/// </summary>
public static class PatrolBench
{
    public static async Task PrepareAsync(BenchContext c, int guards)
    {
        if (c.Guards.Count >= guards)
            return;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var res = await c.Client.PostAsJsonAsync("/bench/raw/patrol-setup", new { projectId = c.ProjectId, guards });
        res.EnsureSuccessStatusCode();
        var rounds = (await res.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        var signedIn = new PatrolGuard[rounds.Count];
        // Sign-in is PBKDF2-bound: a few at a time.
        await Parallel.ForEachAsync(Enumerable.Range(0, rounds.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var r = rounds[i];
            using var token = await c.Client.PostAsJsonAsync(
                "/api/v1/auth/token",
                new { userName = r.GetProperty("userName").GetString(), password = BenchContext.Password },
                ct
            );
            token.EnsureSuccessStatusCode();
            signedIn[i] = new PatrolGuard(
                (await token.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!,
                r.GetProperty("userId").GetGuid(),
                r.GetProperty("roundId").GetGuid(),
                [.. r.GetProperty("payloads").EnumerateArray().Select(p => p.GetString()!)],
                r.GetProperty("latitude").GetDouble(),
                r.GetProperty("longitude").GetDouble()
            );
        });
        c.Guards = signedIn;
        Console.WriteLine($"  patrol: {signedIn.Length} guards signed in, each with an open round ({sw.Elapsed.TotalSeconds:0.0} s)");
    }
}

/// <summary>
/// <see cref="BenchGroup"/>'s company as its manager sees it: signed in, the company and the project with the most meters.
/// </summary>
public sealed record GroupContext(string Token, Guid CompanyId, Guid OfficeProjectId, int Year)
{
    public static async Task PrepareAsync(BenchContext c, int connections)
    {
        if (c.Group is not null)
            return;
        using (var slow = new HttpClient { BaseAddress = c.Client.BaseAddress, Timeout = TimeSpan.FromMinutes(30) })
        using (var setup = await slow.PostAsJsonAsync("/bench/raw/group-setup", new { size = c.Size }))
            setup.EnsureSuccessStatusCode();
        using var tokenRes = await c.Client.PostAsJsonAsync(
            "/api/v1/auth/token",
            new { userName = BenchGroup.Manager, password = BenchContext.Password }
        );
        tokenRes.EnsureSuccessStatusCode();
        var token = (await tokenRes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        async Task<JsonElement> Get(string url)
        {
            using var res = await c.Client.SendAsync(c.Authed(HttpMethod.Get, url, token: token));
            res.EnsureSuccessStatusCode();
            return await res.Content.ReadFromJsonAsync<JsonElement>();
        }
        var company = (await Get("/api/v1/me")).GetProperty("companies")[0].GetGuid();
        // The office complex is the tenth project (BenchGroup): the one named 基准大厦010号.
        var office = (await Get("/api/v1/projects?q=基准大厦010&pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        c.Group = new GroupContext(token, company, office, DateTime.UtcNow.AddHours(8).Year);
    }
}
