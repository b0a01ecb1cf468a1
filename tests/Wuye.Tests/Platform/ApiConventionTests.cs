using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

public sealed class ApiConventionTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly WuyeApp _app = shared.App;
    private Guid _companyA;
    private Guid _companyB;

    public async ValueTask InitializeAsync()
    {
        (_companyA, _companyB) = await _app.DbAsync(async db =>
        {
            var ids = await db.Companies().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();
            return (ids.Single(c => c.Name.StartsWith("锦华")).Id, ids.Single(c => c.Name.StartsWith("恒安")).Id);
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Missing_fields_are_reported_field_by_field_in_Chinese_by_default()
    {
        var client = await _app.As("manager");
        var res = await client.PostJsonAsync("/api/v1/projects", new { name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.Equal("请填写项目名称", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("companyId", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
    }

    [Fact]
    public async Task Errors_are_in_English_when_the_client_asks_for_it()
    {
        var client = await _app.As("manager");
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var res = await client.PostJsonAsync("/api/v1/projects", new { companyId = _companyA, kind = "residential" });
        var errors = (await res.JsonAsync()).GetProperty("errors");
        Assert.Equal("Project name is required", errors.GetProperty("name")[0].GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"companyId\": 12, \"name\": \"x\", \"kind\": \"residential\"}")]
    [InlineData("{\"companyId\": \"00000000-0000-0000-0000-000000000001\", \"name\": \"x\", \"kind\": \"castle\"}")]
    [InlineData("")]
    public async Task Unreadable_bodies_get_a_400_problem_never_a_500(string body)
    {
        var client = await _app.As("manager");
        var res = await client.PostAsync("/api/v1/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var problem = await res.JsonAsync();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=107374184", "page")]
    public async Task Paging_out_of_range_is_a_field_error(string query, string field)
    {
        var client = await _app.As("manager");
        var res = await client.GetAsync($"/api/v1/projects?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Lists_are_paged_with_total()
    {
        var client = await _app.As("manager");
        var page = await client.GetJsonAsync("/api/v1/units?page=2&pageSize=7");
        Assert.Equal(2, page.GetProperty("page").GetInt32());
        Assert.Equal(7, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(7, page.GetProperty("items").GetArrayLength());
        var expected = await _app.DbAsync(db => db.Units().CountAsync(u => u.CompanyId == _companyA));
        Assert.Equal(expected, page.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_history_of_a_person_shows_phone_and_ID_numbers_masked()
    {
        var client = await _app.As("pm");
        var logs = await client.GetJsonAsync("/api/v1/change-logs?entityType=Person&pageSize=20");
        Assert.True(logs.GetProperty("total").GetInt32() > 0);
        foreach (var log in logs.GetProperty("items").EnumerateArray())
        {
            var after = log.GetProperty("after");
            if (after.TryGetProperty("phone", out var phone) && phone.ValueKind == System.Text.Json.JsonValueKind.String)
                Assert.Matches(@"^\d{3}\*+\d{4}$", phone.GetString()!);
            if (after.TryGetProperty("idNumber", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String)
                Assert.Matches(@"^\d{6}\*+\w{4}$", id.GetString()!);
        }
    }

    [Fact]
    public async Task A_broken_rule_is_a_409_with_a_code()
    {
        var client = await _app.As("manager");
        var existing = await _app.DbAsync(db => db.Projects().Where(p => p.CompanyId == _companyA).Select(p => p.Name).FirstAsync());
        var res = await client.PostJsonAsync(
            "/api/v1/projects",
            new
            {
                companyId = _companyA,
                name = existing,
                kind = "residential",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("project.duplicate_name", (await res.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_routes_and_records_are_404_problems()
    {
        var client = await _app.As("manager");
        var res = await client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/projects/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task The_API_needs_a_signed_in_user()
    {
        var anon = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/v1/projects")).StatusCode);
        anon.DefaultRequestHeaders.Authorization = new("Bearer", "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task A_role_without_the_right_is_refused_with_403()
    {
        var client = await _app.As("tech");
        var res = await client.PostJsonAsync(
            "/api/v1/projects",
            new
            {
                companyId = _companyA,
                name = "维修工新建的项目",
                kind = "residential",
            }
        );
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);
        Assert.False(await _app.DbAsync(db => db.Projects().AnyAsync(p => p.Name == "维修工新建的项目")));
    }

    [Fact]
    public async Task A_retried_POST_with_the_same_Idempotency_Key_creates_one_record()
    {
        var client = await _app.As("manager");
        var body = new
        {
            companyId = _companyA,
            name = "幂等测试项目",
            kind = "office",
            address = "人民路 2 号",
        };
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Send()
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects") { Content = JsonContent.Create(body) };
            req.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(req);
        }
        var first = await Send();
        var second = await Send();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetGuid(), (await second.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(1, await _app.DbAsync(db => db.Projects().CountAsync(p => p.Name == "幂等测试项目")));

        var reused = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = JsonContent.Create(
                new
                {
                    companyId = _companyA,
                    name = "另一个",
                    kind = "office",
                }
            ),
        };
        reused.Headers.Add("Idempotency-Key", key);
        var res = await client.SendAsync(reused);
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.Equal("idempotency.key_reused", (await res.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_copies_of_one_idempotent_POST_create_one_record()
    {
        var client = await _app.As("manager");
        var key = Guid.NewGuid().ToString();
        var tasks = Enumerable
            .Range(0, 6)
            .Select(async _ =>
            {
                var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
                {
                    Content = JsonContent.Create(
                        new
                        {
                            companyId = _companyA,
                            name = "并发幂等项目",
                            kind = "office",
                        }
                    ),
                };
                req.Headers.Add("Idempotency-Key", key);
                return (await client.SendAsync(req)).StatusCode;
            });
        var codes = await Task.WhenAll(tasks);
        Assert.All(codes, c => Assert.True(c is HttpStatusCode.Created or HttpStatusCode.Conflict, c.ToString()));
        Assert.Equal(1, await _app.DbAsync(db => db.Projects().CountAsync(p => p.Name == "并发幂等项目")));
    }

    [Fact]
    public async Task Every_change_is_in_the_history_with_who_and_before_and_after()
    {
        var client = await _app.As("manager");
        var project = await _app.DbAsync(db => db.Projects().Where(p => p.CompanyId == _companyA).OrderBy(p => p.Name).FirstAsync());
        var res = await client.PutAsJsonAsync(
            $"/api/v1/projects/{project.Id}",
            new
            {
                name = project.Name + "（二期）",
                kind = project.Kind.ToString(),
                address = project.Address,
            }
        );
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);

        var history = await client.GetJsonAsync($"/api/v1/change-logs?entityId={project.Id}");
        var latest = history.GetProperty("items")[0];
        Assert.Equal("updated", latest.GetProperty("action").GetString());
        Assert.Equal("manager", latest.GetProperty("userName").GetString());
        Assert.Equal(project.Name, latest.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal(project.Name + "（二期）", latest.GetProperty("after").GetProperty("name").GetString());
        Assert.False(latest.GetProperty("after").TryGetProperty("address", out _)); // only what changed

        // Another company's manager cannot read this history.
        var other = await _app.As("manager2");
        Assert.Equal(0, (await other.GetJsonAsync($"/api/v1/change-logs?entityId={project.Id}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_nothing_is_overwritten()
    {
        var client = await _app.As("manager");
        var project = await _app.DbAsync(db =>
            db.Projects().Where(p => p.CompanyId == _companyA).OrderByDescending(p => p.Name).FirstAsync()
        );
        var ok = await client.PutAsJsonAsync(
            $"/api/v1/projects/{project.Id}",
            new
            {
                name = "版本一",
                kind = "residential",
                version = project.Version,
            }
        );
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var stale = await client.PutAsJsonAsync(
            $"/api/v1/projects/{project.Id}",
            new
            {
                name = "版本二",
                kind = "residential",
                version = project.Version,
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("版本一", await _app.DbAsync(db => db.Projects().Where(p => p.Id == project.Id).Select(p => p.Name).FirstAsync()));
    }

    [Fact]
    public async Task Writing_into_another_company_is_refused()
    {
        var client = await _app.As("manager");
        var res = await client.PostJsonAsync(
            "/api/v1/projects",
            new
            {
                companyId = _companyB,
                name = "越权项目",
                kind = "residential",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("companyId", out _));
        Assert.False(await _app.DbAsync(db => db.Projects().AnyAsync(p => p.Name == "越权项目")));
    }

    [Fact]
    public async Task OpenAPI_describes_the_API_and_health_endpoints_answer()
    {
        var anon = _app.CreateClient();
        var doc = await anon.GetJsonAsync("/openapi/v1.json");
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/projects", out _));
        Assert.Equal("alive", (await anon.GetJsonAsync("/healthz")).GetProperty("status").GetString());
        Assert.Equal("ready", (await anon.GetJsonAsync("/readyz")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/api-docs")).StatusCode);
    }
}
