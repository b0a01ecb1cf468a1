using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>The import page as a manager meets it (issue 21, items 3 and 10).</summary>
[Collection(nameof(MasterDataBrowserCollection))]
public sealed class ImportPageTests(SharedBrowser shared) : IAsyncLifetime
{
    // 07:30 tomorrow in China is 23:30 today in UTC: a time shown in UTC has another date and hour.
    private static readonly DateTimeOffset Morning = new(
        DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(1).ToDateTime(new TimeOnly(7, 30)),
        TimeSpan.FromHours(8)
    );
    private readonly BrowserApp _b = shared.Use(Clocks.At(Morning));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_import_page_opens_idle_and_polls_no_progress_until_a_file_is_sent()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        var polled = new List<string>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/v1/imports/progress/"))
                polled.Add(r.Url);
        };
        // The bell's count is an htmx request of its own; the page must not take it for an upload.
        var bell = page.WaitForResponseAsync(r => r.Url.Contains("handler=Count"));
        await page.GotoAsync("/imports");
        await bell;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.False(await page.IsVisibleAsync("[data-testid=check-progress]"));
        Assert.False(await page.IsVisibleAsync("[data-testid=upload-progress]"));
        Assert.Empty(polled);
    }

    [Fact]
    public async Task The_imported_time_and_the_template_file_name_are_China_time()
    {
        var manager = await _b.App.As("manager");
        var template = await manager.GetAsync("/api/v1/imports/template?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var name = template.Content.Headers.ContentDisposition!.FileNameStar ?? template.Content.Headers.ContentDisposition.FileName!;
        Assert.Contains(Morning.ToString("yyyyMMdd") + "-0730", name);

        var company = await _b.App.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var project = (
            await (
                await manager.PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId = company,
                        name = "晨光苑",
                        kind = "residential",
                    }
                )
            ).JsonAsync()
        ).GetProperty("id").GetGuid();
        var file = Workbooks.Xlsx(new TestSheet("房屋", Workbooks.Units(1, 1, 2)));
        var report = await (
            await manager.PostAsync($"/api/v1/imports?projectId={project}", Workbooks.Upload(file, "晨光苑.xlsx"))
        ).JsonAsync();
        var batch = report.GetProperty("batch").GetProperty("id").GetGuid();
        await manager.PostAsync($"/api/v1/imports/{batch}/commit", null).OkAsync();

        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync($"/imports/{batch}");
        Assert.Contains(Morning.ToString("yyyy-MM-dd") + " 07:30", await page.InnerTextAsync("[data-testid=import-status]"));
    }
}
