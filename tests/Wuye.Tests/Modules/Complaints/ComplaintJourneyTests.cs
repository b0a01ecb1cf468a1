using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.Complaints;

[Collection(nameof(ComplaintsBrowserCollection))]
public sealed class ComplaintJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private async Task<IPage> AsAsync(string user, int width = 1280)
    {
        var page = await _b.NewPageAsync(width, 800);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    private static async Task<Dictionary<string, int>> MonthAsync(IPage page, Guid project)
    {
        var month = ChinaTime.Now(TimeProvider.System).ToString("yyyyMM");
        await page.GotoAsync($"/complaints/metrics?projectId={project}&groupBy=Month");
        var row = page.Locator($"[data-testid=metrics-row][data-key='{month}']");
        var result = new Dictionary<string, int>();
        foreach (var f in new[] { "received", "effective", "closed", "replied", "replied-on-time", "postponed", "visited", "satisfied" })
            result[f] = await row.CountAsync() == 0 ? 0 : int.Parse((await row.GetAttributeAsync("data-" + f))!);
        return result;
    }

    [Fact]
    public async Task A_VIP_complaint_goes_from_customer_service_through_engineering_to_a_satisfied_visit_and_into_review_and_metrics()
    {
        var owner = await _b.App.DbAsync(db =>
            db.UnitOccupants()
                .Where(o => db.People().Any(p => p.Id == o.PersonId && p.Phone == "13800138000"))
                .Select(o => new
                {
                    o.UnitId,
                    o.ProjectId,
                    Unit = db.Units().Where(u => u.Id == o.UnitId).Select(u => new { u.Number, u.BuildingId }).First(),
                })
                .FirstAsync()
        );
        var manager = await AsAsync("manager");
        var before = await MonthAsync(manager, owner.ProjectId);

        // Customer service receives a VIP complaint at the front desk, on a phone.
        var service = await AsAsync("service", 375);
        await service.GotoAsync("/complaints");
        await service.AssertFitsPhoneAsync();
        await service.ClickAsync("[data-testid=new-complaint]");
        await service.SelectOptionAsync("#BuildingId", owner.Unit.BuildingId.ToString());
        await service.FillAsync("#UnitNumber", owner.Unit.Number);
        await service.FillAsync("#ComplainantName", "钱先生");
        await service.SelectOptionAsync("#Category", "Repairs");
        await service.CheckAsync("#Vip");
        await service.FillAsync("#Description", "卫生间漏水报修三次都没修好，要求给个说法");
        await service.AssertFitsPhoneAsync();
        await service.ClickAsync("[data-testid=submit]");
        await service.WaitForURLAsync(u => !u.Contains("/new"));
        var id = Guid.Parse(service.Url.Split('/').Last());
        Assert.Equal("客服 赵敏", await service.TextContentAsync("[data-testid=owner]"));
        await service.WaitForSelectorAsync("[data-testid=vip]");
        Assert.Equal("1", await service.GetAttributeAsync("[data-testid=escalation]", "data-level"));
        await service.AssertFitsPhoneAsync();
        var pmId = await UserIdAsync(_b.App, "pm");
        Assert.True(
            await _b.App.DbAsync(db =>
                db.Set<Wuye.Platform.Notifications.OutboxMessage>()
                    .AnyAsync(m => m.RecipientUserId == pmId && m.DedupeKey!.StartsWith($"complaint:{id:N}:L1"))
            )
        );

        // Escalated to company management.
        await service.FillAsync("[data-testid=escalate-form] input[name=reason]", "业主要求公司领导出面");
        await service.ClickAsync("[data-testid=escalate]");
        await service.WaitForSelectorAsync("[data-testid=escalation][data-level='2']");

        // Engineering does the work through a linked service request.
        await service.ClickAsync("[data-testid=create-work-order]");
        await service.WaitForSelectorAsync("[data-testid=request]");
        var requestId = Guid.Parse((await service.GetAttributeAsync("[data-testid=request]", "data-id"))!);
        var desk = await _b.App.As("service");
        var wo = (await desk.GetJsonAsync($"/api/v1/service-requests/{requestId}"))
            .GetProperty("workOrders")[0]
            .GetProperty("id")
            .GetGuid();
        await desk.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = await UserIdAsync(_b.App, "tech") }).OkAsync();
        var tech = await _b.App.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var photo = await UploadPhotoAsync(tech, owner.ProjectId);
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "更换卫生间下水管",
                    afterPhotoIds = new[] { photo },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();

        // Postponed once, with a reason; then the form gives way to when it was used (a second one is refused: ComplaintApiTests).
        await service.ReloadAsync();
        Assert.Equal("Completed", await service.GetAttributeAsync("[data-testid=request]", "data-status"));
        await service.FillAsync("[data-testid=postpone-form] input[name=reason]", "等待业主确认维修效果");
        await service.ClickAsync("[data-testid=postpone]");
        await service.WaitForSelectorAsync("[data-testid=timeline] li[data-kind=Postponed]");
        Assert.Equal(0, await service.Locator("[data-testid=postpone-form]").CountAsync());
        Assert.Contains("等待业主确认维修效果", await service.TextContentAsync("[data-testid=postponed]"));
        Assert.Contains(
            ChinaTime.Text(
                await _b.App.DbAsync(db =>
                    db.Set<Wuye.Modules.Complaints.Domain.Complaint>().Where(c => c.Id == id).Select(c => c.PostponedAt).FirstAsync()
                )
            ),
            await service.TextContentAsync("[data-testid=postponed]")
        );
        Assert.Equal(1, await service.Locator("[data-testid=timeline] li[data-kind=Postponed]").CountAsync());

        // The project manager's daily review, before closure, lists it with its owner.
        var pm = await AsAsync("pm");
        await pm.GotoAsync($"/complaints/daily-review?projectId={owner.ProjectId}");
        await pm.ClickAsync("[data-testid=run-review]");
        var line = pm.Locator($"[data-testid=review-line][data-complaint='{id}']");
        await line.WaitForAsync();
        Assert.Contains("客服 赵敏", await line.TextContentAsync());
        Assert.Equal(1, await _b.App.DbAsync(db => db.Set<DailyReview>().CountAsync(r => r.ProjectId == owner.ProjectId)));

        // Closed with the resolution, then visited: satisfied.
        await service.GotoAsync($"/complaints/{id}");
        await service.FillAsync("[data-testid=close-form] textarea[name=resolution]", "已更换下水管，业主确认不再漏水");
        await service.ClickAsync("[data-testid=close]");
        await service.WaitForSelectorAsync("[data-testid=status][data-status=Closed]");
        await service.ClickAsync("[data-testid=satisfied]");
        await service.WaitForSelectorAsync("[data-testid=visit-result]");
        var kinds = await service.Locator("[data-testid=timeline] li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kind)");
        Assert.Equal(["Received", "Escalated", "Escalated", "Linked", "Postponed", "Closed", "Visited"], kinds);
        await service.AssertFitsPhoneAsync();

        // The metrics count exactly this complaint on top of what was there.
        var after = await MonthAsync(manager, owner.ProjectId);
        foreach (var f in new[] { "received", "effective", "closed", "replied", "replied-on-time", "postponed", "visited", "satisfied" })
            Assert.True(before[f] + 1 == after[f], $"{f}: {before[f]} → {after[f]}");
        await manager.GotoAsync("/home/company");
        await manager.WaitForSelectorAsync("[data-testid=complaint-warnings]");
    }

    [Fact]
    public async Task Complaint_pages_fit_a_phone_and_the_managers_home_shows_the_early_warnings()
    {
        var page = await AsAsync("manager", 375);
        var any = await _b.App.DbAsync(db =>
            db.Set<Complaint>().Where(c => c.Status == ComplaintStatus.Open).Select(c => c.Id).FirstAsync()
        );
        foreach (
            var path in new[]
            {
                "/complaints",
                "/complaints/new",
                $"/complaints/{any}",
                "/complaints/daily-review",
                "/complaints/metrics",
                "/complaints/metrics?groupBy=Building",
                "/complaints/scripts",
                "/home/company",
            }
        )
        {
            await page.GotoAsync(path);
            await page.AssertFitsPhoneAsync();
        }
        // The demo data's noise problem this month in one building of 锦绣花园.
        await page.WaitForSelectorAsync("[data-testid=complaint-warnings] [data-testid=warning][data-kind=CategoryRise]");
        await page.AssertFitsPhoneAsync();
        var owner = await AsAsync("owner");
        await owner.GotoAsync("/complaints");
        Assert.Equal(0, await owner.Locator("[data-testid=complaint]").CountAsync());
        Assert.Equal(0, await owner.Locator("[data-testid=nav-complaints]").CountAsync());
    }

    [Fact]
    public async Task The_metrics_charts_draw_the_monthly_breakdown_and_the_rates_against_their_targets_as_the_API_computes_them()
    {
        var project = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var page = await AsAsync("manager", 375);
        await page.GotoAsync($"/complaints/metrics?projectId={project}&groupBy=Category");
        await page.WaitForSelectorAsync("[data-testid=breakdown-chart] svg");
        await page.WaitForSelectorAsync("[data-testid=trend-chart] svg");
        await page.AssertFitsPhoneAsync();
        var api = await (await _b.App.As("manager")).GetJsonAsync($"/api/v1/complaint-metrics?projectId={project}&groupBy=category");

        var breakdown = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const o = echarts.getInstanceByDom(document.getElementById('complaint-breakdown-chart')).getOption(); return { "
                + "months: o.xAxis[0].data, series: o.series.map(s => ({ name: s.name, data: s.data })) }; }"
        );
        var months = api.GetProperty("months").EnumerateArray().Select(m => m.GetString()![..4] + "-" + m.GetString()![4..]).ToList();
        Assert.Equal(months, breakdown.GetProperty("months").EnumerateArray().Select(m => m.GetString()!).ToList());
        var expected = api.GetProperty("breakdown").EnumerateArray().ToList();
        var drawn = breakdown.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(expected.Count, drawn.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("label").GetString(), drawn[i].GetProperty("name").GetString());
            Assert.Equal(
                expected[i].GetProperty("received").EnumerateArray().Select(x => x.GetInt32()),
                drawn[i].GetProperty("data").EnumerateArray().Select(x => x.GetInt32())
            );
        }
        // The bars add up to the period's complaints: the chart is drawn from the records, not empty.
        var total = api.GetProperty("total").GetProperty("received").GetInt32();
        Assert.True(total > 0);
        Assert.Equal(total, drawn.Sum(s => s.GetProperty("data").EnumerateArray().Sum(x => x.GetInt32())));

        var trend = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const o = echarts.getInstanceByDom(document.getElementById('complaint-trend-chart')).getOption(); return "
                + "o.series.map(s => ({ data: s.data.map(v => v === null || v === '-' ? null : v), target: s.markLine.data[0].yAxis })); }"
        );
        double? Pct(System.Text.Json.JsonElement rate) =>
            rate.ValueKind == System.Text.Json.JsonValueKind.Null ? null : Math.Round(rate.GetDouble() * 100, 2);
        double? Drawn(System.Text.Json.JsonElement v) => v.ValueKind == System.Text.Json.JsonValueKind.Null ? null : v.GetDouble();
        var rows = api.GetProperty("trend").EnumerateArray().ToList();
        Assert.Equal(rows.Select(r => Pct(r.GetProperty("effectiveRate"))), trend[0].GetProperty("data").EnumerateArray().Select(Drawn));
        Assert.Equal(rows.Select(r => Pct(r.GetProperty("handlingRate"))), trend[1].GetProperty("data").EnumerateArray().Select(Drawn));
        Assert.Contains(rows, r => r.GetProperty("handlingRate").ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal(2, trend[0].GetProperty("target").GetDouble());
        Assert.Equal(100, trend[1].GetProperty("target").GetDouble());
    }

    [Fact]
    public async Task A_company_manager_keeps_the_departments_on_the_settings_page_and_intake_offers_only_those_in_use()
    {
        var manager = await AsAsync("manager", 375);
        await manager.GotoAsync("/complaints");
        await manager.ClickAsync("[data-testid=complaint-settings]");
        await manager.WaitForSelectorAsync("[data-testid=working-days-note]");
        Assert.Equal("2", await manager.InputValueAsync("#replyDays"));
        Assert.Contains("工作日", await manager.TextContentAsync("label[for=replyDays]"));
        await manager.FillAsync("[data-testid=add-department] input[name=name]", "电梯维保组");
        await manager.ClickAsync("[data-testid=add-department] [data-testid=add]");
        await manager.WaitForSelectorAsync("[data-testid=saved]");
        await manager.ClickAsync("[data-testid=department][data-code=greening] [data-testid=archive]");
        await manager.WaitForSelectorAsync("[data-testid=department][data-code=greening][data-archived=True]");
        await manager.AssertFitsPhoneAsync();
        var lift = await _b.App.DbAsync(db =>
            db.Set<ComplaintDepartment>().Where(d => d.Name == "电梯维保组").Select(d => d.Code).SingleAsync()
        );

        await manager.GotoAsync("/complaints/new");
        Assert.Equal(1, await manager.Locator($"input[name=Departments][value={lift}]").CountAsync());
        Assert.Equal(0, await manager.Locator("input[name=Departments][value=greening]").CountAsync());
        Assert.Equal(1, await manager.Locator("input[name=Departments][value=engineering]").CountAsync());

        // The project manager sets the reply promise in working days but cannot change the company's departments.
        var pm = await AsAsync("pm");
        await pm.GotoAsync("/complaints/settings");
        Assert.Equal(0, await pm.Locator("[data-testid=add-department]").CountAsync());
        await pm.FillAsync("#replyDays", "3");
        await pm.ClickAsync("[data-testid=save-settings]");
        await pm.WaitForSelectorAsync("[data-testid=saved]");
        Assert.Equal("3", await pm.InputValueAsync("#replyDays"));
    }
}
