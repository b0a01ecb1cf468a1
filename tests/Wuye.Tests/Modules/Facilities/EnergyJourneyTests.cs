using Microsoft.EntityFrameworkCore;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The technician on a 375 px phone: the demo's abnormal reading (a sub-meter at five times its usual use) is on the home to-do list
/// and the meters page, resolved there with a note; the monthly energy page draws its chart.
/// </summary>
[Collection(nameof(FacilitiesBrowserCollection))]
public sealed class EnergyJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_technician_handles_the_abnormal_reading_on_a_phone_and_the_energy_page_shows_the_chart()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "tech");
        await page.GotoAsync("/");
        Assert.Contains("待处理的抄表异常", string.Join("|", await page.Locator("[data-testid=task]").AllInnerTextsAsync()));
        Assert.Equal(1, await page.Locator("[data-testid=nav-facilities-meters]").CountAsync());
        await page.GotoAsync("/facilities/meters");
        await page.AssertFitsPhoneAsync();
        var anomaly = page.Locator("[data-testid=anomalies] [data-meter='E-01-2']");
        Assert.Contains("中位数", await anomaly.Locator("[data-testid=anomaly-text]").InnerTextAsync());
        await anomaly.Locator("[data-testid=resolve-note]").FillAsync("公共照明定时器失灵，已更换");
        await anomaly.Locator("[data-testid=resolve]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=anomalies] [data-meter='E-01-2']").CountAsync());

        await page.ClickAsync("[data-testid=facilities-energy-link]");
        await page.Locator("[data-testid=energy-chart][data-kind=Electricity] svg").First.WaitForAsync();
        Assert.True(await page.Locator("[data-testid=energy-meters] tr[data-meter='E-01']").CountAsync() == 1);
        await page.AssertFitsPhoneAsync();
        // The other views: by building, and the change on the same month last year.
        await page.ClickAsync("[data-testid=energy-view-building]");
        await page.Locator("[data-testid=energy-chart][data-view=building][data-kind=Electricity] svg").First.WaitForAsync();
        await page.ClickAsync("[data-testid=energy-view-yoy]");
        await page.Locator("[data-testid=energy-chart][data-view=yoy][data-kind=Electricity] svg").First.WaitForAsync();
        Assert.Equal(12, await page.Locator("[data-testid=energy-yoy]").First.Locator("tbody tr").CountAsync());
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task A_technician_checks_then_imports_an_xlsx_of_readings_on_a_phone()
    {
        var (project, tech) = await _b.App.DbAsync(async db =>
        {
            var t = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var p = await db.RoleAssignments.Where(r => r.UserId == t && r.ProjectId != null).Select(r => r.ProjectId!.Value).FirstAsync();
            return (p, t);
        });
        var code = $"I-{Guid.NewGuid():N}"[..12];
        var meterId = (
            await (await _b.App.As("pm"))
                .PostJsonAsync(
                    "/api/v1/meters",
                    new
                    {
                        projectId = project,
                        code,
                        name = "导入测试表",
                        kind = "water",
                        responsibleUserId = tech,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var path = Path.Combine(Path.GetTempPath(), $"{code}.xlsx");
        await File.WriteAllBytesAsync(
            path,
            MeterReadingTests.Xlsx((code, 500, today.AddMonths(-1).ToDateTime(TimeOnly.MinValue)), (code, 620, null))
        );
        var api = await _b.App.As("tech");
        async Task<int> Readings() => (await api.GetJsonAsync($"/api/v1/meter-readings?meterId={meterId}")).GetArrayLength();

        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "tech");
        await page.GotoAsync("/facilities/meters");
        await page.SetInputFilesAsync("[data-testid=import-file]", path);
        await page.ClickAsync("[data-testid=import-check]");
        var second = page.Locator("[data-testid=import-lines] [data-row='3']");
        Assert.Equal("120", await second.Locator("[data-testid=import-consumption]").InnerTextAsync());
        Assert.Equal(0, await Readings());
        await page.AssertFitsPhoneAsync();
        // The chosen file stays chosen: the import saves both rows.
        await page.ClickAsync("[data-testid=import-commit]");
        await page.Locator("[data-testid=import-result][data-saved=true]").WaitForAsync();
        Assert.Equal(2, await Readings());
        File.Delete(path);
    }
}
