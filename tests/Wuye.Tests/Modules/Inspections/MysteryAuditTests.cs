using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsApiCollection))]
public sealed class MysteryAuditTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Month => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM");

    private static async Task<Guid> ItemAsync(HttpClient c, string code) => (
            await c.PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code,
                        area = "customer_service",
                        description = $"{code} 前台礼貌用语",
                        frequency = "daily",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_mystery_audit_is_kept_from_project_staff_and_compared_with_the_sites_own_records()
    {
        var inspector = await _app.As("inspector");
        var greeting = await ItemAsync(inspector, "MA-1");
        var register = await ItemAsync(inspector, "MA-2");
        // The site's own check this month: greeting found fine, register with a suggestion.
        await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = _project,
                    place = "客服前台",
                    results = new object[]
                    {
                        new { checkItemId = greeting, sampleCount = 3 },
                        new
                        {
                            checkItemId = register,
                            sampleCount = 3,
                            findings = new[] { new { type = "suggestion", description = "登记字迹潦草" } },
                        },
                    },
                }
            )
            .OkAsync();
        var before = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={_project}")).GetProperty("total");

        var audit = await inspector
            .PostJsonAsync(
                "/api/v1/mystery-audits",
                new
                {
                    projectId = _project,
                    month = Month,
                    title = "客服前台暗访",
                    requirements = "以访客身份咨询报修",
                    visitorAlias = "神秘访客 A",
                    items = new object[]
                    {
                        new { checkItemId = greeting },
                        new { checkItemId = register },
                        new { description = "报修电话 3 声内接听" },
                    },
                }
            )
            .OkAsync();
        var id = audit.GetProperty("id").GetGuid();
        var lines = audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        // Confidential: the audited project's manager cannot list or open it.
        var pm = await _app.As("pm");
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.GetAsync("/api/v1/mystery-audits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pm.GetAsync($"/api/v1/mystery-audits/{id}")).StatusCode);

        var missing = await inspector.PostJsonAsync(
            $"/api/v1/mystery-audits/{id}/results",
            new { report = "前台未使用礼貌用语", items = new[] { new { itemId = lines[0], passed = false } } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        await inspector
            .PostJsonAsync(
                $"/api/v1/mystery-audits/{id}/results",
                new
                {
                    report = "前台未使用礼貌用语，登记不全",
                    items = new object[]
                    {
                        new
                        {
                            itemId = lines[0],
                            passed = false,
                            observation = "未问好",
                        },
                        new
                        {
                            itemId = lines[1],
                            passed = false,
                            observation = "未登记电话",
                        },
                        new { itemId = lines[2], passed = true },
                    },
                }
            )
            .OkAsync();
        var again = await inspector.PostJsonAsync(
            $"/api/v1/mystery-audits/{id}/results",
            new { report = "x", items = new[] { new { itemId = lines[0], passed = true } } }
        );
        Assert.Equal("mystery_audit.already_reported", (await again.JsonAsync()).GetProperty("code").GetString());

        var comparison = await inspector.GetJsonAsync($"/api/v1/mystery-audits/{id}/comparison");
        var rows = comparison.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows[0].GetProperty("discrepancy").GetBoolean()); // the site called the greeting fine
        Assert.Equal(1, rows[0].GetProperty("siteChecks").GetInt32());
        Assert.False(rows[1].GetProperty("discrepancy").GetBoolean()); // the site had found the register problem too
        Assert.False(rows[2].GetProperty("discrepancy").GetBoolean());
        Assert.Equal(2, comparison.GetProperty("failed").GetInt32());
        Assert.Equal(1, comparison.GetProperty("discrepancies").GetInt32());

        // Kept apart: the audit does not change the self-inspection metrics.
        var after = (await inspector.GetJsonAsync($"/api/v1/inspection-metrics?month={Month}&projectId={_project}")).GetProperty("total");
        Assert.Equal(before.GetProperty("allChecks").GetInt32(), after.GetProperty("allChecks").GetInt32());
        Assert.Equal(before.GetProperty("suggestions").GetInt32(), after.GetProperty("suggestions").GetInt32());
    }
}
