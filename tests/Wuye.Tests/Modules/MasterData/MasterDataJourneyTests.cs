using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

[Collection(nameof(MasterDataBrowserCollection))]
public sealed class MasterDataJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // The files the browser uploads, removed with the class (they were left in /tmp by every run).
    private readonly List<string> _folders = [];

    public async ValueTask DisposeAsync()
    {
        await _b.CloseContextsAsync();
        foreach (var folder in _folders)
            Directory.Delete(folder, true);
    }

    private Task<Guid> NewProjectAsync(string name) =>
        _b.App.DbAsync(async db =>
        {
            var company = await db.Companies().FirstAsync(c => c.Name.StartsWith("锦华"));
            var project = new Project
            {
                CompanyId = company.Id,
                Name = name,
                Kind = ProjectKind.Residential,
            };
            db.Projects().Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        });

    private async Task<string> FileAsync(string name, byte[] content)
    {
        var dir = Path.Combine(Path.GetTempPath(), "wuye-uploads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        _folders.Add(dir);
        var path = Path.Combine(dir, name);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    [Fact]
    public async Task A_20000_unit_project_is_imported_from_xlsx_in_the_browser_through_dry_run_and_commit()
    {
        var project = await NewProjectAsync("万户新城");
        var path = await FileAsync("万户新城.xlsx", Workbooks.Xlsx(new TestSheet("房屋", Workbooks.Units(20, 25, 40))));
        var page = await _b.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync($"/imports?projectId={project}");
        await page.SetInputFilesAsync("#file", path);
        var clock = Stopwatch.StartNew();
        await page.ClickAsync("[data-testid=upload]");
        await page.WaitForURLAsync(u => u.Contains("/imports/") && !u.EndsWith("/imports"));
        var dryRun = clock.ElapsedMilliseconds;
        Assert.Equal("20,000", await page.InnerTextAsync("[data-testid=to-create]"));
        Assert.Equal("0", await page.InnerTextAsync("[data-testid=errors]"));
        Assert.Contains("万户新城", await page.InnerTextAsync(".page-pretitle"));
        Assert.Contains("新建楼栋“1幢”", await page.InnerTextAsync("[data-testid=change-rows]"));
        Assert.Equal(0, await _b.App.DbAsync(db => db.Units().CountAsync(u => u.ProjectId == project)));

        clock.Restart();
        await page.ClickAsync("[data-testid=commit]");
        await page.WaitForSelectorAsync("[data-testid=import-status] >> text=已导入");
        var commit = clock.ElapsedMilliseconds;
        Assert.Equal("20,000", await page.InnerTextAsync("[data-testid=to-create]"));
        Assert.Equal(20_000, await _b.App.DbAsync(db => db.Units().CountAsync(u => u.ProjectId == project)));
        Assert.Equal(
            20_000,
            await _b.App.DbAsync(db => db.UnitOccupants().CountAsync(o => o.ProjectId == project && o.Relation == OccupantRelation.Owner))
        );
        Assert.Equal(20, await _b.App.DbAsync(db => db.Buildings().CountAsync(b => b.ProjectId == project)));
        TestContext.Current.SendDiagnosticMessage($"20,000 units in the browser: dry run {dryRun} ms, commit {commit} ms");

        // The units are listed, filtered by the project, with an export that carries the filter.
        await page.GotoAsync($"/master-data/units?projectId={project}");
        Assert.Contains("20,000", await page.InnerTextAsync("[data-testid=unit-total]"));
        Assert.Contains($"projectId={project}", await page.GetAttributeAsync("[data-testid=export-xlsx]", "href"));
    }

    [Fact]
    public async Task A_bad_file_shows_each_error_with_row_and_column_and_offers_no_commit()
    {
        var project = await NewProjectAsync("出错苑");
        var path = await FileAsync(
            "坏数据.csv",
            Encoding.UTF8.GetBytes("楼栋,房号,业主姓名,业主手机\n1幢,101,张三,12345\n1幢,101,李四,13812345678\n")
        );
        var pm = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync($"/imports?projectId={project}");
        // The project manager of 锦绣花园 may not import into another project: it is not offered.
        Assert.Equal(0, await pm.Locator($"#ProjectId option[value='{project}']").CountAsync());
        Assert.True(await pm.Locator("#ProjectId option").CountAsync() >= 1);
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync($"/imports?projectId={project}");
        await page.SetInputFilesAsync("#file", path);
        await page.ClickAsync("[data-testid=upload]");
        await page.WaitForSelectorAsync("[data-testid=error-rows]");
        var errors = await page.InnerTextAsync("[data-testid=error-rows]");
        Assert.Contains("D 业主手机", errors);
        Assert.Contains("手机号格式不正确", errors);
        Assert.Contains("与第 2 行重复", errors);
        Assert.Equal(0, await page.Locator("[data-testid=commit]").CountAsync());

        await page.GotoAsync($"/imports?projectId={project}");
        await page.SetInputFilesAsync("#file", await FileAsync("改名.xlsx", Encoding.UTF8.GetBytes("not a workbook")));
        await page.ClickAsync("[data-testid=upload]");
        Assert.Contains("不是 Excel 工作簿", await page.InnerTextAsync("[data-testid=import-error]"));
    }

    [Fact]
    public async Task The_people_page_masks_numbers_and_reveals_one_only_with_a_reason_that_is_recorded()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "service");
        var project = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        await page.GotoAsync($"/master-data/people?projectId={project}");
        var masked = await page.InnerTextAsync("[data-testid=people] tbody tr >> nth=0 >> [data-testid=masked]");
        Assert.Matches(@"^1\d\d\*{4}\d{4} · \d{6}\*{8}[\dX]{4}$", masked);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync("业主来电回访核实");
        await page.ClickAsync("[data-testid=people] tbody tr >> nth=0 >> [data-testid=reveal]");
        var revealed = await page.WaitForSelectorAsync("[data-testid=revealed]");
        Assert.Matches(@"^1\d{10} · \d{17}[\dX]$", await revealed!.InnerTextAsync());
        var access = await _b.App.DbAsync(db => db.Set<PersonalDataAccess>().SingleAsync(a => a.Purpose == "业主来电回访核实"));
        Assert.Equal("service", access.UserName);
        Assert.Equal("业主来电回访核实", access.Purpose);
    }

    [Fact]
    public async Task A_manager_edits_a_unit_sees_its_history_and_archives_it()
    {
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        var project = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync());
        await page.GotoAsync($"/master-data/units?projectId={project}&q=1801");
        await page.ClickAsync("[data-testid=units] tbody tr >> nth=0 >> a");
        await page.WaitForSelectorAsync("[data-testid=unit-title]");
        var id = Guid.Parse(new Uri(page.Url).Segments.Last());

        await page.FillAsync("#Area", "-3");
        await page.ClickAsync("[data-testid=save]");
        Assert.Contains("建筑面积应在", await page.InnerTextAsync("[data-testid=area-error]"));

        await page.FillAsync("#Area", "99.5");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=message] >> text=已保存");
        Assert.Equal(99.5m, await _b.App.DbAsync(db => db.Units().Where(u => u.Id == id).Select(u => u.Area).FirstAsync()));
        await page.WaitForSelectorAsync("[data-testid=history] .list-group-item >> text=修改");
        Assert.Contains("99.5", await page.InnerTextAsync("[data-testid=history]"));

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("[data-testid=archive]");
        await page.WaitForSelectorAsync("[data-testid=archived]");
        Assert.NotNull(await _b.App.DbAsync(db => db.Units().Where(u => u.Id == id).Select(u => u.ArchivedAt).FirstAsync()));
        Assert.Equal(0, await page.Locator("[data-testid=save]").CountAsync());
    }

    [Fact]
    public async Task Master_data_pages_fit_a_phone_and_their_figures_come_from_the_records()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "manager");
        await BrowserApp.FollowMenuAsync(page, "nav-master-data");
        var expected = await _b.App.DbAsync(async db =>
        {
            var company = await db.Companies().FirstAsync(c => c.Name.StartsWith("锦华"));
            return (
                // Another test of the class may have archived a unit: the page counts the ones in use.
                Units: await db.Units().CountAsync(u => u.CompanyId == company.Id && u.ArchivedAt == null),
                Assets: await db.Set<Asset>().CountAsync(a => a.CompanyId == company.Id && a.ArchivedAt == null)
            );
        });
        Assert.Contains(expected.Units.ToString("N0"), await page.InnerTextAsync("[data-testid=count-units]"));
        Assert.Contains(expected.Assets.ToString("N0"), await page.InnerTextAsync("[data-testid=count-assets]"));
        var unit = await _b.App.DbAsync(db => db.Units().Select(u => u.Id).FirstAsync());
        foreach (
            var path in new[]
            {
                "/master-data",
                "/master-data/units",
                $"/master-data/units/{unit}",
                "/master-data/people",
                "/master-data/registers?kind=parking",
                "/master-data/registers?kind=assets&due=true",
                "/imports",
            }
        )
        {
            await page.GotoAsync(path);
            await page.AssertFitsPhoneAsync();
        }
    }
}
