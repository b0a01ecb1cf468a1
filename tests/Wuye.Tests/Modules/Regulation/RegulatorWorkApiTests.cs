using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The regulator's work through the API, on one shared app: campaigns (the regulator launches one and every company's manager is
/// told and sees the self-check on the home page; a company submits its own self-check once and sees only its own share; the
/// regulator's inspection puts its findings into the company's problem ledger; the company neither launches, inspects nor reports,
/// and the report waits for the inspection phase); the companies' files (kept by each company, read only by its regulator, never
/// seen by another company); the owners' committee's read-only oversight of its own project.
/// </summary>
[Collection(nameof(RegulationApiCollection))]
public sealed class RegulatorWorkApiTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static string Day(int days) =>
        DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>The count on the manager's home line for campaign self-checks (0 when the line is absent).</summary>
    private static async Task<int> SelfChecksDueAsync(HttpClient manager)
    {
        var home = WebUtility.HtmlDecode(await manager.GetStringAsync(Roles.Find(Roles.CompanyManager)!.Home));
        var m = System.Text.RegularExpressions.Regex.Match(
            home,
            "href=\"/regulation/campaigns\" data-testid=\"task\">\\s*<span>专项行动待提交自查报告</span>\\s*<span[^>]*>(\\d+)</span>"
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    private Task<Guid> UserAsync(string name) => _app.DbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task A_campaign_reaches_every_company_which_self_checks_and_whose_inspection_findings_enter_its_ledger()
    {
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var other = await _app.As("manager2");
        var jinhua = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync());
        object Body(string? title, int selfCheck, int rectify) =>
            new
            {
                title,
                selfCheckDue = Day(selfCheck),
                rectifyDue = Day(rectify),
                endsOn = Day(rectify + 10),
            };

        var noTitle = await regulator.PostJsonAsync("/api/v1/campaigns", Body(null, 3, 6));
        Assert.True((await noTitle.JsonAsync()).GetProperty("errors").TryGetProperty("title", out _));
        var order = await regulator.PostJsonAsync("/api/v1/campaigns", Body("电梯安全专项整治", 6, 3));
        Assert.Equal("campaign.phases", (await order.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostJsonAsync("/api/v1/campaigns", Body("自己部署", 3, 6))).StatusCode);
        var created = await regulator.PostJsonAsync("/api/v1/campaigns", Body("电梯安全专项整治", 3, 6)).OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("selfCheck", created.GetProperty("phase").GetString());
        Assert.True(created.GetProperty("companies").GetArrayLength() >= 2);

        var managerId = await UserAsync("manager");
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == managerId && m.DedupeKey!.StartsWith($"campaign:{id:N}"))
            )
        );
        var due = await SelfChecksDueAsync(manager);
        Assert.True(due >= 1);

        var mine = await manager.GetJsonAsync($"/api/v1/campaigns/{id}");
        Assert.Equal([jinhua], mine.GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("companyId").GetGuid()));
        var tooMany = await manager.PostJsonAsync(
            $"/api/v1/campaigns/{id}/self-checks",
            new
            {
                text = "自查",
                issuesFound = 1,
                issuesFixed = 2,
            }
        );
        Assert.True((await tooMany.JsonAsync()).GetProperty("errors").TryGetProperty("issuesFixed", out _));
        var checkedIn = await manager
            .PostJsonAsync(
                $"/api/v1/campaigns/{id}/self-checks",
                new
                {
                    text = "三个项目逐台检查电梯年检标志和应急电话",
                    issuesFound = 3,
                    issuesFixed = 2,
                    evidence = "自查台账",
                }
            )
            .OkAsync();
        var own = checkedIn.GetProperty("companies")[0].GetProperty("selfCheck");
        Assert.Equal((3, false), (own.GetProperty("issuesFound").GetInt32(), own.GetProperty("late").GetBoolean()));
        var twice = await manager.PostJsonAsync(
            $"/api/v1/campaigns/{id}/self-checks",
            new
            {
                text = "再次",
                issuesFound = 0,
                issuesFixed = 0,
            }
        );
        Assert.Equal("campaign.self_check_done", (await twice.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(due - 1, await SelfChecksDueAsync(manager));
        var theirs = await other.GetJsonAsync($"/api/v1/campaigns/{id}");
        Assert.DoesNotContain(theirs.GetProperty("companies").EnumerateArray(), c => c.GetProperty("companyId").GetGuid() == jinhua);
        Assert.DoesNotContain("三个项目逐台检查", theirs.ToString());

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await manager.PostJsonAsync($"/api/v1/campaigns/{id}/inspections", new { projectId = project })).StatusCode
        );
        var inspected = await regulator
            .PostJsonAsync(
                $"/api/v1/campaigns/{id}/inspections",
                new
                {
                    projectId = project,
                    method = "unannounced",
                    note = "明察暗访",
                    findings = new[]
                    {
                        new { title = "3号梯年检标志过期", deadline = Day(5) },
                        new { title = "轿厢应急电话不通", deadline = Day(3) },
                    },
                }
            )
            .OkAsync();
        var inspection = inspected.GetProperty("inspections")[0];
        var problems = inspection.GetProperty("problemIds").EnumerateArray().Select(p => p.GetGuid()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.DoesNotContain(inspected.GetProperty("uninspected").EnumerateArray(), p => p.GetProperty("id").GetGuid() == project);
        var ledger = await manager.GetJsonAsync($"/api/v1/problem-ledger/{problems[0]}");
        Assert.Equal(("3号梯年检标志过期", "open"), (ledger.GetProperty("title").GetString(), ledger.GetProperty("state").GetString()));
        Assert.Empty((await other.GetJsonAsync($"/api/v1/campaigns/{id}")).GetProperty("inspections").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/problem-ledger/{problems[0]}")).StatusCode);

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await manager.PostJsonAsync($"/api/v1/campaigns/{id}/report", new { summary = "完成" })).StatusCode
        );
        var early = await regulator.PostJsonAsync($"/api/v1/campaigns/{id}/report", new { summary = "完成" });
        Assert.Equal("campaign.report_early", (await early.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(1, await _app.DbAsync(db => db.Set<CampaignSelfCheck>().CountAsync(s => s.CampaignId == id)));
    }

    [Fact]
    public async Task A_company_keeps_its_file_which_its_regulator_reads_and_another_company_never_sees()
    {
        var regulator = await _app.As("regulator");
        var manager = await _app.As("manager");
        var other = await _app.As("manager2");
        var jinhua = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());

        var own = await manager.GetJsonAsync("/api/v1/regulator/companies");
        Assert.Equal([jinhua], own.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        var file = own.GetProperty("items")[0];
        Assert.Equal(
            await _app.DbAsync(db => db.Projects().CountAsync(p => p.CompanyId == jinhua && p.ArchivedAt == null)),
            file.GetProperty("projects").GetArrayLength()
        );
        Assert.True(file.GetProperty("filings").GetArrayLength() >= 4, "market entry and a contract per project");
        Assert.Equal(2, file.GetProperty("contacts").GetArrayLength());
        var certificates = file.GetProperty("certificates");
        var held = await _app.DbAsync(db => db.Set<Wuye.Modules.Staff.Domain.Certificate>().CountAsync(c => c.CompanyId == jinhua));
        Assert.Equal(
            held,
            certificates.GetProperty("valid").GetInt32()
                + certificates.GetProperty("expiring").GetInt32()
                + certificates.GetProperty("lapsed").GetInt32()
        );
        Assert.True((await regulator.GetJsonAsync("/api/v1/regulator/companies")).GetProperty("total").GetInt32() >= 2);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/regulator/companies/{jinhua}")).StatusCode);

        object Filing(string kind, string? title) =>
            new
            {
                kind,
                title,
                number = "KH-2026-118",
            };
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await regulator.PostJsonAsync($"/api/v1/regulator/companies/{jinhua}/filings", Filing("marketEntry", "监管代填"))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await other.PostJsonAsync($"/api/v1/regulator/companies/{jinhua}/filings", Filing("marketEntry", "越权"))).StatusCode
        );
        var noTitle = await manager.PostJsonAsync($"/api/v1/regulator/companies/{jinhua}/filings", Filing("other", null));
        Assert.True((await noTitle.JsonAsync()).GetProperty("errors").TryGetProperty("title", out _));
        var noProject = await manager.PostJsonAsync($"/api/v1/regulator/companies/{jinhua}/filings", Filing("contract", "新合同"));
        Assert.Equal("filing.contract_project", (await noProject.JsonAsync()).GetProperty("code").GetString());
        await manager.PostJsonAsync($"/api/v1/regulator/companies/{jinhua}/filings", Filing("other", "项目负责人变更备案")).OkAsync();
        var badPhone = await manager.PostJsonAsync(
            $"/api/v1/regulator/companies/{jinhua}/contacts",
            new
            {
                name = "赵敏",
                position = "客服主管",
                phone = "12",
            }
        );
        Assert.True((await badPhone.JsonAsync()).GetProperty("errors").TryGetProperty("phone", out _));
        await manager
            .PostJsonAsync(
                $"/api/v1/regulator/companies/{jinhua}/contacts",
                new
                {
                    name = "赵敏",
                    position = "客服主管",
                    phone = "13905709999",
                }
            )
            .OkAsync();
        var seen = await regulator.GetJsonAsync($"/api/v1/regulator/companies/{jinhua}");
        Assert.Contains(seen.GetProperty("filings").EnumerateArray(), f => f.GetProperty("title").GetString() == "项目负责人变更备案");
        Assert.Contains(seen.GetProperty("contacts").EnumerateArray(), c => c.GetProperty("phone").GetString() == "13905709999");
        var page = WebUtility.HtmlDecode(await regulator.GetStringAsync($"/regulation/companies?id={jinhua}"));
        Assert.Contains("项目负责人变更备案", page);
        Assert.DoesNotContain("data-testid=\"filing-form\"", page);
    }

    [Fact]
    public async Task The_committee_reads_the_regulators_work_at_its_own_project_only()
    {
        var regulator = await _app.As("regulator");
        var committee = await _app.As("committee");
        var projects = await _app.DbAsync(db =>
            db.Projects().Where(p => p.Name == "锦绣花园" || p.Name == "翠湖天地").ToDictionaryAsync(p => p.Name, p => p.Id)
        );
        async Task Record(string project, string title) =>
            await regulator
                .PostJsonAsync(
                    "/api/v1/problem-ledger",
                    new
                    {
                        projectId = projects[project],
                        title,
                        deadline = Day(5),
                    }
                )
                .OkAsync();
        await Record("锦绣花园", "小区监控探头损坏未修复");
        await Record("翠湖天地", "翠湖天地电梯困人处置超时");

        var page = WebUtility.HtmlDecode(await committee.GetStringAsync("/regulation/oversight"));
        Assert.Contains("锦绣花园", page);
        Assert.Contains("小区监控探头损坏未修复", page);
        Assert.DoesNotContain("翠湖天地电梯困人处置超时", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/regulation/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await committee.GetAsync("/api/v1/problem-ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("manager")).GetAsync("/regulation/oversight")).StatusCode);
    }
}
