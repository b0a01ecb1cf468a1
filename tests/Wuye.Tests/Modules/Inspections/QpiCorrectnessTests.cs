using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>Findings of the review of the QPI module: each test failed before its fix.</summary>
[Collection(nameof(InspectionsApiCollection))]
public sealed class QpiCorrectnessTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.Now();
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
    private string Month => Today.ToString("yyyy-MM");

    private async Task<Guid> NewProjectAsync(string name)
    {
        var manager = await _app.As("manager");
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        return (
            await manager
                .PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name,
                        kind = "office",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
    }

    private async Task<Guid> NewItemAsync(HttpClient client, string code, string frequency) => (
            await client
                .PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code,
                        area = "safety",
                        description = $"{code} 消防通道畅通",
                        method = "现场查看",
                        sampling = "抽查 3 处",
                        pointsPerDeduction = 2,
                        frequency,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    private async Task<Dictionary<Guid, Guid>> PlanAsync(HttpClient inspector, Guid project, params Guid[] items)
    {
        await inspector
            .PostJsonAsync(
                "/api/v1/inspection-plans",
                new
                {
                    name = "核查计划",
                    level = "quality_department",
                    startMonth = Month,
                    projectIds = new[] { project },
                    checkItemIds = items,
                }
            )
            .OkAsync();
        var due = await inspector.GetJsonAsync($"/api/v1/inspections/due?projectId={project}");
        return due.EnumerateArray().ToDictionary(d => d.GetProperty("checkItemId").GetGuid(), d => d.GetProperty("planLineId").GetGuid());
    }

    [Fact]
    public async Task A_blank_check_card_is_refused_and_counts_for_nothing()
    {
        var inspector = await _app.As("inspector");
        var project = await NewProjectAsync("空白核查卡大厦");
        var a = await NewItemAsync(inspector, "BL-A", "monthly");
        var b = await NewItemAsync(inspector, "BL-B", "monthly");
        var lines = await PlanAsync(inspector, project, a, b);

        // The second card was left ticked but nothing was recorded on it.
        var res = await inspector.PostJsonAsync(
            "/api/v1/inspections",
            new
            {
                projectId = project,
                place = "大堂",
                results = new object[]
                {
                    new
                    {
                        checkItemId = a,
                        planLineId = lines[a],
                        sampleCount = 3,
                    },
                    new { checkItemId = b, planLineId = lines[b] },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("results[1]", out _));
        Assert.Equal(0, await _app.DbAsync(db => db.Set<InspectionResult>().CountAsync(r => r.ProjectId == project)));

        // A blank row already in the database (written before the rule) is no check either.
        await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = project,
                    place = "大堂",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = a,
                            planLineId = lines[a],
                            sampleCount = 3,
                        },
                    },
                }
            )
            .OkAsync();
        await _app.DbAsync(async db =>
        {
            var r = await db.Set<InspectionResult>().FirstAsync(x => x.ProjectId == project);
            db.Add(
                new InspectionResult
                {
                    CompanyId = r.CompanyId,
                    ProjectId = project,
                    InspectionId = r.InspectionId,
                    CheckItemId = b,
                    CheckItemRevision = 1,
                    PlanLineId = lines[b],
                    InspectorUserId = r.InspectorUserId,
                    CheckedOn = r.CheckedOn,
                    CheckedAt = r.CheckedAt,
                    Place = r.Place,
                }
            );
            return await db.SaveChangesAsync();
        });
        var row = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={project}"))
            .GetProperty("rows")
            .EnumerateArray()
            .Single();
        Assert.Equal(1m, row.GetProperty("donePoints").GetDecimal());
        Assert.Equal(0.5m, row.GetProperty("coverage").GetDecimal());
        Assert.Equal(1, row.GetProperty("allChecks").GetInt32());
        // And the blank point is still due.
        var due = await inspector.GetJsonAsync($"/api/v1/inspections/due?projectId={project}");
        Assert.Equal([b], due.EnumerateArray().Select(d => d.GetProperty("checkItemId").GetGuid()));
    }

    [Fact]
    public async Task A_quarterly_point_checked_once_weighs_a_third_so_coverage_stays_at_100_percent()
    {
        var inspector = await _app.As("inspector");
        var project = await NewProjectAsync("季度核查大厦");
        var monthly = await NewItemAsync(inspector, "QW-M", "monthly");
        var quarterly = await NewItemAsync(inspector, "QW-Q", "quarterly");
        var lines = await PlanAsync(inspector, project, monthly, quarterly);
        await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = project,
                    place = "机房",
                    results = new object[]
                    {
                        new
                        {
                            checkItemId = monthly,
                            planLineId = lines[monthly],
                            sampleCount = 2,
                        },
                        new
                        {
                            checkItemId = quarterly,
                            planLineId = lines[quarterly],
                            sampleCount = 1,
                        },
                    },
                }
            )
            .OkAsync();
        var row = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={project}"))
            .GetProperty("rows")
            .EnumerateArray()
            .Single();
        Assert.Equal(1.33m, row.GetProperty("requiredPoints").GetDecimal());
        Assert.Equal(1.33m, row.GetProperty("donePoints").GetDecimal());
        Assert.Equal(1m, row.GetProperty("coverage").GetDecimal());
    }

    [Fact]
    public async Task The_demo_months_coverage_never_passes_100_percent()
    {
        var manager = await _app.As("manager");
        var report = await manager.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}");
        Assert.NotEmpty(report.GetProperty("rows").EnumerateArray());
        foreach (var row in report.GetProperty("rows").EnumerateArray().Append(report.GetProperty("total")))
            Assert.InRange(row.GetProperty("coverage").GetDecimal(), 0m, 1m);
    }

    [Fact]
    public async Task A_suggestion_is_acknowledged_and_verified_so_closure_can_reach_100_percent()
    {
        var inspector = await _app.As("inspector");
        var manager = await _app.As("manager");
        var managerId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync());
        var project = await NewProjectAsync("建议项大厦");
        var item = await NewItemAsync(inspector, "SG-1", "monthly");
        var foundOn = Today;
        var inspection = await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = project,
                    place = "2 幢大堂",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 2,
                            findings = new object[]
                            {
                                new
                                {
                                    type = "suggestion",
                                    description = "建议在大堂增加防滑提示",
                                    responsibleUserId = managerId,
                                },
                                new
                                {
                                    type = "deduction",
                                    description = "大堂地面湿滑无提示",
                                    requiredAction = "放置提示牌",
                                    deadline = Today,
                                    responsibleUserId = managerId,
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        var findings = inspection.GetProperty("results")[0].GetProperty("findings").EnumerateArray().ToList();
        var suggestion = findings.Single(f => f.GetProperty("type").GetString() == "suggestion").GetProperty("noticeId").GetGuid();
        var deduction = findings.Single(f => f.GetProperty("type").GetString() == "deduction").GetProperty("noticeId").GetGuid();
        var before = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={foundOn:yyyy-MM}&projectId={project}")).GetProperty(
            "total"
        );
        Assert.Equal(0m, before.GetProperty("closure").GetDecimal());

        // The suggestion reaches the responsible person with a week to answer it: acknowledged or implemented.
        var notice = await manager.GetJsonAsync($"/api/v1/improvement-notices/{suggestion}");
        Assert.Equal(Today.AddDays(7), DateOnly.Parse(notice.GetProperty("deadline").GetString()!));
        var noOutcome = await manager.PostJsonAsync($"/api/v1/improvement-notices/{suggestion}/reply", new { text = "已安排" });
        Assert.Equal(HttpStatusCode.BadRequest, noOutcome.StatusCode);
        Assert.True((await noOutcome.JsonAsync()).GetProperty("errors").TryGetProperty("outcome", out _));
        var replied = await manager
            .PostJsonAsync(
                $"/api/v1/improvement-notices/{suggestion}/reply",
                new { text = "已购置防滑提示牌并摆放", outcome = "implemented" }
            )
            .OkAsync();
        Assert.Equal("implemented", replied.GetProperty("replyOutcome").GetString());
        await manager.PostJsonAsync($"/api/v1/improvement-notices/{deduction}/reply", new { text = "已放置提示牌" }).OkAsync();

        // Verified on its date by the inspector (not the one who answered), both close: closure = 2 / (1 suggestion + 1 deduction).
        _clock.Advance(TimeSpan.FromDays(7));
        _app.ForgetTokens();
        inspector = await _app.As("inspector");
        Assert.Equal(
            "closed",
            (await inspector.PostJsonAsync($"/api/v1/improvement-notices/{suggestion}/reverify", new { passed = true }).OkAsync())
                .GetProperty("status")
                .GetString()
        );
        await inspector.PostJsonAsync($"/api/v1/improvement-notices/{deduction}/reverify", new { passed = true }).OkAsync();
        var after = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={foundOn:yyyy-MM}&projectId={project}")).GetProperty(
            "total"
        );
        Assert.Equal(2, after.GetProperty("closedItems").GetInt32());
        Assert.Equal(1m, after.GetProperty("closure").GetDecimal());
    }

    [Fact]
    public async Task Notices_recorded_at_the_same_time_by_different_people_get_different_numbers()
    {
        var inspector = await _app.As("inspector");
        var pm = await _app.As("pm");
        var garden = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var item = await NewItemAsync(inspector, "NUM-1", "monthly");
        // The project manager sees only his project's notices: counting what he sees gave numbers the company had already used.
        Task<HttpResponseMessage> Record(HttpClient who, int n) =>
            who.PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = garden,
                    place = $"{n} 号岗",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 1,
                            findings = new[]
                            {
                                new
                                {
                                    type = "rectification",
                                    description = $"问题 {n}",
                                    requiredAction = "整改",
                                    deadline = Today,
                                },
                            },
                        },
                    },
                }
            );
        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(n => Record(n % 2 == 0 ? inspector : pm, n)));
        foreach (var r in responses)
            await Task.FromResult(r).OkAsync();
        var numbers = await _app.DbAsync(db => db.Set<ImprovementNotice>().Select(n => new { n.CompanyId, n.Number }).ToListAsync());
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Theory]
    [InlineData("company_management", new[] { "manager" }, new[] { "inspector", "pm" })]
    [InlineData("quality_department", new[] { "inspector" }, new[] { "manager", "pm" })]
    [InlineData("project_head", new[] { "pm" }, new[] { "inspector", "service" })]
    [InlineData("supervisor", new[] { "service", "steward", "guard", "monitor" }, new[] { "pm", "committee", "owner", "manager2" })]
    public async Task The_inspector_lookup_names_the_right_people_for_each_level(string level, string[] expected, string[] notExpected)
    {
        var users = await _app.DbAsync(db => db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id));
        foreach (var asWho in new[] { "inspector", "manager" })
        {
            var client = await _app.As(asWho);
            var ids = (await client.GetJsonAsync($"/api/v1/inspection-plans/inspectors?level={level}"))
                .EnumerateArray()
                .Select(o => o.GetProperty("userId").GetGuid())
                .ToHashSet();
            foreach (var e in expected)
                Assert.Contains(users[e], ids);
            foreach (var n in notExpected)
                Assert.DoesNotContain(users[n], ids);
        }
    }

    [Fact]
    public async Task Team_leaders_are_the_leaders_of_the_company_teams_and_a_plan_must_match_the_inspectors_level()
    {
        var inspector = await _app.As("inspector");
        var users = await _app.DbAsync(db => db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var garden = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        Assert.DoesNotContain((await inspector.GetJsonAsync("/api/v1/inspection-plans/inspectors?level=team_leader")).EnumerateArray(), o =>
            o.GetProperty("userId").GetGuid() == users["tech"]
        );
        await inspector
            .PostJsonAsync(
                "/api/v1/team-mutual-checks/teams",
                new
                {
                    projectId = garden,
                    name = "工程一班",
                    leaderUserId = users["tech"],
                }
            )
            .OkAsync();
        var leaders = (await inspector.GetJsonAsync("/api/v1/inspection-plans/inspectors?level=team_leader")).EnumerateArray().ToList();
        Assert.Equal([users["tech"]], leaders.Select(o => o.GetProperty("userId").GetGuid()));

        var item = await NewItemAsync(inspector, "LV-1", "monthly");
        object Plan(string level, Guid who) =>
            new
            {
                name = "层级计划",
                level,
                inspectorUserId = who,
                startMonth = Month,
                projectIds = new[] { garden },
                checkItemIds = new[] { item },
            };
        var wrong = await inspector.PostJsonAsync("/api/v1/inspection-plans", Plan("project_head", users["inspector"]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.True((await wrong.JsonAsync()).GetProperty("errors").TryGetProperty("inspectorUserId", out _));
        await inspector.PostJsonAsync("/api/v1/inspection-plans", Plan("team_leader", users["tech"])).OkAsync();
        await inspector.PostJsonAsync("/api/v1/inspection-plans", Plan("project_head", users["pm"])).OkAsync();
    }

    [Fact]
    public async Task Closure_counts_only_closed_suggestions_and_deductions_not_closed_rectifications()
    {
        // Issue 21 item 20: one open deduction and one closed rectification showed closure 100%; two closed
        // rectifications against one open deduction showed 200%. Closed items are counted among those divided by.
        var inspector = await _app.As("inspector");
        var project = await NewProjectAsync("关闭率大厦");
        var item = await NewItemAsync(inspector, "CL-1", "monthly");
        var who = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync());
        var inspection = await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = project,
                    place = "地下车库",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 2,
                            findings = new object[]
                            {
                                new
                                {
                                    type = "deduction",
                                    description = "消防通道堆物",
                                    requiredAction = "清理",
                                    deadline = Today,
                                    responsibleUserId = who,
                                },
                                new
                                {
                                    type = "rectification",
                                    description = "标识脱落",
                                    requiredAction = "补贴",
                                    deadline = Today,
                                    responsibleUserId = who,
                                },
                                new
                                {
                                    type = "rectification",
                                    description = "灯具损坏",
                                    requiredAction = "更换",
                                    deadline = Today,
                                    responsibleUserId = who,
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(3, inspection.GetProperty("results")[0].GetProperty("findings").GetArrayLength());
        async Task<JsonElement> Total() =>
            (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={project}")).GetProperty("total");

        await CloseRectificationsAsync(project, 1);
        var one = await Total();
        Assert.Equal(0, one.GetProperty("closedItems").GetInt32());
        Assert.Equal(0m, one.GetProperty("closure").GetDecimal());

        await CloseRectificationsAsync(project, 2);
        var two = await Total();
        Assert.Equal(0m, two.GetProperty("closure").GetDecimal());

        await _app.DbAsync(async db =>
        {
            var d = await db.Set<Finding>().FirstAsync(f => f.ProjectId == project && f.Type == FindingType.Deduction);
            d.ClosedAt = _clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
        var all = await Total();
        Assert.Equal(1, all.GetProperty("closedItems").GetInt32());
        Assert.Equal(1m, all.GetProperty("closure").GetDecimal());
    }

    private Task<int> CloseRectificationsAsync(Guid project, int count) =>
        _app.DbAsync(async db =>
        {
            foreach (
                var f in await db.Set<Finding>()
                    .Where(f => f.ProjectId == project && f.Type == FindingType.Rectification)
                    .OrderBy(f => f.Description)
                    .Take(count)
                    .ToListAsync()
            )
                f.ClosedAt ??= _clock.GetUtcNow();
            return await db.SaveChangesAsync();
        });
}
