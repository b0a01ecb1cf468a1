using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsBrowserCollection))]
public sealed class InspectionJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private static string Today =>
        DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd");

    [Fact]
    public async Task An_inspector_plans_checks_finds_a_deduction_on_a_phone_and_the_fix_is_verified_by_someone_else_and_counted()
    {
        // The inspector adds a monthly standard and plans it for 锦绣花园.
        var inspector = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(inspector, "inspector");
        await inspector.GotoAsync("/inspections/check-items");
        await inspector.FillAsync("#ci-code", "BT-01");
        await inspector.SelectOptionAsync("#ci-area", "safety");
        await inspector.SelectOptionAsync("#ci-frequency", "monthly");
        await inspector.FillAsync("#ci-desc", "楼道消防通道无堆物");
        await inspector.FillAsync("#ci-points", "4");
        await inspector.ClickAsync("[data-testid=save-item]");
        await inspector.WaitForSelectorAsync("[data-testid=check-items] >> text=BT-01");

        await inspector.GotoAsync("/inspections/plans");
        await inspector.FillAsync("#plan-name", "锦绣花园消防月查");
        await inspector.SelectOptionAsync("#plan-frequency", "monthly");
        await inspector.CheckAsync("[data-testid=plan-project][data-name=锦绣花园]");
        await inspector.CheckAsync("[data-testid=plan-item][data-code=BT-01]");
        await inspector.ClickAsync("[data-testid=save-plan]");
        var plan = inspector.Locator("[data-testid=plan]", new() { HasText = "锦绣花园消防月查" });
        await plan.WaitForAsync();
        Assert.Equal("1", (await plan.Locator("[data-testid=required-points]").InnerTextAsync()).Trim());

        // On a phone: start from today's due checks, record samples, a photo and a deduction.
        var phone = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(phone, "inspector");
        await phone.GotoAsync("/inspections");
        await phone.AssertFitsPhoneAsync();
        await phone
            .Locator("[data-testid=due-checks] .list-group-item", new() { HasText = "锦绣花园" })
            .Locator("[data-testid=start-inspection]")
            .ClickAsync();
        await phone.WaitForSelectorAsync("[data-testid=inspection-form]");
        await phone.AssertFitsPhoneAsync();
        // Cards start unticked: only the point actually checked is ticked; the demo plan's other due points are left for later.
        foreach (var card in await phone.Locator("[data-testid=check-card]").AllAsync())
            Assert.False(await card.Locator("[data-include]").IsCheckedAsync());
        var bt = phone.Locator("[data-testid=check-card][data-code=BT-01]");
        await bt.Locator("[data-include]").CheckAsync();
        await phone.FillAsync("#place", "3 幢一单元楼道");
        await bt.Locator("input[name$='.sampleCount']").FillAsync("3");
        await bt.Locator("input[name$='.sampleNote']").FillAsync("1-3 层楼道");
        await bt.Locator("[data-testid=photo-input]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "楼道堆物.png",
                    MimeType = "image/png",
                    Buffer = FileTests.Png,
                }
            );
        await bt.Locator("[data-photo-status]", new() { HasText = "1" }).WaitForAsync();
        await bt.Locator("[data-testid=finding-type]").SelectOptionAsync("deduction");
        await bt.Locator("textarea[name$='.description']").FillAsync("楼道堆放纸箱，堵塞消防通道");
        await bt.Locator("input[name$='.requiredAction']").FillAsync("清理纸箱并拍照回复");
        await bt.Locator("input[name$='.deadline']").FillAsync(Today);
        await bt.Locator("input[name$='.reverifyOn']").FillAsync(Today);
        await phone.AssertFitsPhoneAsync();
        await phone.ClickAsync("[data-testid=submit-inspection]");
        await phone.WaitForSelectorAsync("[data-testid=finding]");
        Assert.Contains("-4", await phone.InnerTextAsync("[data-testid=finding]"));
        Assert.Equal(1, await phone.Locator("[data-testid=result-photo]").CountAsync());
        await phone.AssertFitsPhoneAsync();

        // The notice goes to the project: its manager sees it, reports the fix, and may not verify it.
        var pm = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync("/inspections/notices?status=open");
        var notice = pm.Locator("[data-testid=notice]", new() { HasText = "楼道堆放纸箱" });
        await notice.Locator("[data-testid=reply-form] textarea").FillAsync("纸箱已清走");
        await notice.Locator("[data-testid=reply-form] button[type=submit]").ClickAsync();
        await notice.WaitForAsync(new() { State = WaitForSelectorState.Detached }); // the page reloads the open list without it
        await pm.GotoAsync("/inspections/notices?status=replied");
        notice = pm.Locator("[data-testid=notice]", new() { HasText = "楼道堆放纸箱" });
        await notice.Locator("[data-testid=reverify-form] button[type=submit]").ClickAsync();
        await notice.Locator("[data-testid=reverify-errors]", new() { HasText = "整改人以外" }).WaitForAsync();

        // A different user, the inspector, verifies it and it closes.
        await inspector.GotoAsync("/inspections/notices?status=replied");
        notice = inspector.Locator("[data-testid=notice]", new() { HasText = "楼道堆放纸箱" });
        await notice.Locator("[data-testid=reverify-form] input[name=note]").FillAsync("现场复核已整改");
        await notice.Locator("[data-testid=reverify-form] button[type=submit]").ClickAsync();
        await notice.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await inspector.GotoAsync("/inspections/notices?status=closed");
        await inspector.Locator("[data-testid=notice]", new() { HasText = "楼道堆放纸箱" }).WaitForAsync();

        // The metrics page shows coverage, completion and closure for 锦绣花园 from these records.
        var expected = await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync();
            var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
            var month = new DateOnly(now.Year, now.Month, 1);
            var lines = await (
                from l in db.Set<InspectionPlanLine>()
                join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
                where l.ProjectId == project && p.StartMonth <= month && (p.EndMonth == null || p.EndMonth >= month)
                select l
            ).ToListAsync();
            var results = await db.Set<InspectionResult>()
                .Where(r => r.ProjectId == project && r.CheckedOn >= month && r.CheckedOn < month.AddMonths(1))
                .ToListAsync();
            var findings = await db.Set<Finding>()
                .Where(f => f.ProjectId == project && f.FoundOn >= month && f.FoundOn < month.AddMonths(1))
                .ToListAsync();
            var yearResults = await db.Set<InspectionResult>()
                .Where(r => r.ProjectId == project && r.CheckedOn >= new DateOnly(month.Year, 1, 1))
                .ToListAsync();
            var done = lines
                .Select(l => QpiCalculator.Done(l.Frequency, yearResults.Where(r => r.PlanLineId == l.Id).Select(r => r.CheckedOn), month))
                .ToList();
            var requiredPoints = lines.Sum(l => QpiCalculator.PointWeight(l.Frequency));
            var requiredChecks = lines.Sum(l => QpiCalculator.ChecksInMonth(l.Frequency, month.Year, month.Month));
            return (
                Coverage: done.Sum(d => d.Points) / requiredPoints,
                Completion: done.Sum(d => d.Checks) / requiredChecks,
                Closure: (decimal)findings.Count(f => f.ClosedAt != null) / findings.Count(f => f.Type != FindingType.Rectification),
                Closed: findings.Count(f => f.ClosedAt != null)
            );
        });
        Assert.True(expected.Closed >= 1);
        await inspector.GotoAsync("/inspections/metrics");
        await inspector.SelectOptionAsync("select[name=projectId]", new SelectOptionValue { Label = "锦绣花园" });
        await inspector.ClickAsync("form button[type=submit] >> text=查看");
        await inspector.WaitForSelectorAsync("[data-testid=qpi-chart] svg");
        decimal Shown(string v) => decimal.Parse(v, CultureInfo.InvariantCulture);
        Assert.Equal(
            Math.Round(expected.Coverage, 4),
            Shown((await inspector.GetAttributeAsync("[data-testid=total-coverage]", "data-value"))!)
        );
        Assert.Equal(
            Math.Round(expected.Completion, 4),
            Shown((await inspector.GetAttributeAsync("[data-testid=total-frequency-completion]", "data-value"))!)
        );
        Assert.Equal(
            Math.Round(expected.Closure, 4),
            Shown((await inspector.GetAttributeAsync("[data-testid=total-closure]", "data-value"))!)
        );
        Assert.Contains("锦绣花园", await inspector.InnerTextAsync("[data-testid=qpi-ranking]"));
    }

    [Fact]
    public async Task Every_inspection_page_fits_a_phone_and_the_metrics_chart_draws_from_demo_records()
    {
        // Two teams of 锦绣花园 checked each other this month: the one with fewer points deducted holds the red flag.
        await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().FirstAsync(p => p.Name == "锦绣花园");
            var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
            var week = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var a = new InspectionTeam
            {
                CompanyId = project.CompanyId,
                ProjectId = project.Id,
                Name = "秩序一班",
            };
            var b = new InspectionTeam
            {
                CompanyId = project.CompanyId,
                ProjectId = project.Id,
                Name = "秩序二班",
            };
            db.AddRange(a, b);
            db.Add(
                new TeamMutualCheck
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    CheckingTeamId = a.Id,
                    CheckedTeamId = b.Id,
                    CheckedOn = today,
                    WeekStart = week,
                    Method = "夜间查岗",
                    DeductedPoints = 3,
                }
            );
            db.Add(
                new TeamMutualCheck
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    CheckingTeamId = b.Id,
                    CheckedTeamId = a.Id,
                    CheckedOn = today,
                    WeekStart = week,
                    Method = "情景模拟",
                    DeductedPoints = 1,
                }
            );
            return await db.SaveChangesAsync();
        });
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "inspector");
        await page.GotoAsync("/inspections/teams");
        // Every project ranks its own teams (the demo's 阳光水岸 holds its own flag): 锦绣花园's goes to 秩序一班, not 秩序二班.
        Assert.Equal(1, await page.Locator("[data-testid=team-ranking] tr[data-team=秩序一班] [data-testid=red-flag]").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=team-ranking] tr[data-team=秩序二班] [data-testid=red-flag]").CountAsync());
        foreach (
            var path in new[]
            {
                "/inspections",
                "/inspections/plans",
                "/inspections/check-items",
                "/inspections/notices",
                "/inspections/teams",
                "/inspections/supervision",
                "/inspections/mystery-audits",
                "/inspections/waves",
                "/inspections/metrics",
            }
        )
        {
            var res = await page.GotoAsync(path);
            Assert.Equal(200, res!.Status);
            await page.AssertFitsPhoneAsync();
        }
        // The demo history gives the metrics page figures: a chart and a row per demo project.
        await page.WaitForSelectorAsync("[data-testid=qpi-chart] svg");
        Assert.True(await page.Locator("[data-testid=qpi-rows] tbody tr").CountAsync() >= 2);
    }

    [Fact]
    public async Task The_metrics_charts_target_label_is_drawn_inside_the_chart_on_a_phone()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "inspector");
        await page.GotoAsync("/inspections/metrics");
        await page.WaitForSelectorAsync("[data-testid=qpi-chart] svg");
        var where = await page.EvaluateAsync<string>(
            @"() => {
            const box = document.querySelector('[data-testid=qpi-chart]').getBoundingClientRect();
            const label = [...document.querySelectorAll('[data-testid=qpi-chart] svg text')]
                .find(t => t.textContent.includes('75%') && t.textContent.length > 4);
            if (!label) return 'no target label';
            const r = label.getBoundingClientRect();
            return r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom
                ? 'inside' : `label ${r.left}-${r.right} outside chart ${box.left}-${box.right}`;
        }"
        );
        Assert.Equal("inside", where);
    }
}
