using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>The shared list and record pages of master data: create, field errors, rules, edit, history, archive, links.</summary>
[Collection(nameof(MasterDataBrowserCollection))]
public sealed class RecordPagesJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private Task<Guid> JinxiuAsync() => _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());

    [Fact]
    public async Task A_manager_creates_a_zone_with_a_steward_meets_field_and_rule_errors_edits_it_sees_the_history_and_archives_it()
    {
        var project = await JinxiuAsync();
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync($"/master-data/records/zones/new?projectId={project}");

        await page.ClickAsync("[data-testid=record-form-submit]");
        await page.WaitForSelectorAsync("[data-error-for=name] >> text=请填写片区名称");

        await page.FillAsync("#record-form-name", "北苑");
        await page.SelectOptionAsync("#record-form-stewardUserId", new Microsoft.Playwright.SelectOptionValue { Label = "片区管家 孙丽" });
        await page.ClickAsync("[data-testid=record-form-submit]");
        await page.WaitForSelectorAsync("[data-testid=message] >> text=已保存");
        var id = Guid.Parse(new Uri(page.Url).Segments.Last());
        var zone = await _b.App.DbAsync(db => db.Zones().SingleAsync(z => z.Id == id));
        Assert.Equal(("北苑", project), (zone.Name, zone.ProjectId));
        Assert.Equal(
            await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync()),
            zone.StewardUserId
        );

        // The same name again in the project is refused with the rule's own words.
        await page.GotoAsync($"/master-data/records/zones/new?projectId={project}");
        await page.FillAsync("#record-form-name", "北苑");
        await page.ClickAsync("[data-testid=record-form-submit]");
        await page.WaitForSelectorAsync("[data-form-error] >> text=本项目已有名为“北苑”的片区");

        await page.GotoAsync($"/master-data/records/zones/{id}");
        await page.FillAsync("#record-form-name", "北苑二期");
        await page.ClickAsync("[data-testid=record-form-submit]");
        await page.WaitForSelectorAsync("[data-testid=message] >> text=已保存");
        await page.WaitForSelectorAsync("[data-testid=history] .list-group-item >> text=修改");
        Assert.Contains("北苑二期", await page.InnerTextAsync("[data-testid=history]"));

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.ClickAsync("[data-testid=archive]");
        await page.WaitForSelectorAsync("[data-testid=archived]");
        Assert.NotNull(await _b.App.DbAsync(db => db.Zones().Where(z => z.Id == id).Select(z => z.ArchivedAt).FirstAsync()));
        Assert.Equal(0, await page.Locator("[data-testid=record-form-submit]").CountAsync());
    }

    [Fact]
    public async Task Customer_service_registers_a_family_member_with_birthday_links_them_to_a_unit_and_an_edit_keeps_the_masked_phone()
    {
        var project = await JinxiuAsync();
        var page = await _b.NewPageAsync();
        await BrowserApp.SignInAsync(page, "service");
        await page.GotoAsync($"/master-data/records/people/new?projectId={project}");
        await page.FillAsync("#record-form-name", "钱小宝");
        await page.FillAsync("#record-form-phone", "13712345678");
        await page.FillAsync("#record-form-birthday", "2015-06-01");
        await page.ClickAsync("[data-testid=record-form-submit]");
        await page.WaitForSelectorAsync("[data-testid=message] >> text=已保存");
        var id = Guid.Parse(new Uri(page.Url).Segments.Last());

        await page.SelectOptionAsync("#sub-form-unitId", new Microsoft.Playwright.SelectOptionValue { Index = 1 });
        await page.SelectOptionAsync("#sub-form-relation", "family");
        await page.FillAsync("#sub-form-kinship", "子女");
        await page.ClickAsync("[data-testid=sub-form-submit]");
        await page.WaitForSelectorAsync("[data-testid=related] >> text=家庭成员");
        Assert.Contains("子女", await page.InnerTextAsync("[data-testid=related]"));
        var link = await _b.App.DbAsync(db => db.UnitOccupants().SingleAsync(o => o.PersonId == id));
        Assert.Equal((OccupantRelation.Family, "子女"), (link.Relation, link.Kinship));

        // The phone shows masked as a hint; saving without retyping it keeps the stored number.
        Assert.Equal("137****5678 （不改请留空）", await page.GetAttributeAsync("#record-form-phone", "placeholder"));
        await page.FillAsync("#record-form-name", "钱小宝宝");
        // The first save's "已保存" is still on the page: wait for this save's own answer.
        await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("[data-testid=record-form-submit]"),
            r => r.Request.Method is "POST" or "PUT" or "PATCH"
        );
        await page.WaitForSelectorAsync("[data-testid=message] >> text=已保存");
        var person = await _b.App.DbAsync(db => db.People().SingleAsync(p => p.Id == id));
        Assert.Equal(("钱小宝宝", "13712345678", new DateOnly(2015, 6, 1)), (person.Name, person.Phone, person.Birthday));
    }

    [Fact]
    public async Task Every_record_list_fits_a_phone_counts_from_the_records_and_exports_as_filtered()
    {
        var project = await JinxiuAsync();
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "manager");
        foreach (var kind in Wuye.Modules.MasterData.Pages.RecordKinds.All.Select(k => k.Key))
        {
            await page.GotoAsync($"/master-data/records/{kind}");
            await page.AssertFitsPhoneAsync();
            Assert.True(await page.Locator("[data-testid=records] tbody tr").CountAsync() > 0, $"{kind} lists nothing for the manager");
            await page.ClickAsync("[data-testid=records] tbody tr >> nth=0 >> a");
            await page.WaitForSelectorAsync("[data-testid=record-title]");
            await page.AssertFitsPhoneAsync();
        }

        await page.GotoAsync($"/master-data/records/staff?projectId={project}");
        var staff = await _b.App.DbAsync(db => db.Set<StaffMember>().CountAsync(s => s.ProjectId == project && s.ArchivedAt == null));
        Assert.Contains($"共 {staff:N0} 条", await page.InnerTextAsync("[data-testid=record-total]"));
        Assert.Contains($"projectId={project}", await page.GetAttributeAsync("[data-testid=export-xlsx]", "href"));
    }

    [Fact]
    public async Task A_project_manager_grants_a_steward_on_the_roles_page_and_revokes_it()
    {
        var project = await JinxiuAsync();
        var zone = await _b.App.DbAsync(db =>
            db.Zones()
                .Where(z => z.ProjectId == project && z.ArchivedAt == null)
                .OrderByDescending(z => z.Name)
                .Select(z => new { z.Id, z.Name })
                .FirstAsync()
        );
        var guard = await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "guard").Select(u => u.Id).FirstAsync());
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/master-data/role-assignments");
        await page.SelectOptionAsync("#grant-form-userId", guard.ToString());
        await page.SelectOptionAsync("#grant-form-role", "steward");
        await page.SelectOptionAsync("#grant-form-zoneId", zone.Id.ToString());
        await page.ClickAsync("[data-testid=grant-form-submit]");
        await page.WaitForSelectorAsync("[data-testid=message]");
        var row = page.Locator("[data-testid=grants] tbody tr", new() { HasTextString = zone.Name })
            .Filter(new() { HasTextString = "安全员 吴强" });
        Assert.Equal(1, await row.CountAsync());
        Assert.True(
            await _b.App.DbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == guard && r.ZoneId == zone.Id && r.Role == "steward"))
        );
        await page.AssertFitsPhoneAsync();

        // The company manager role is not the project manager's to give: the API's refusal is shown.
        await page.SelectOptionAsync("#grant-form-userId", guard.ToString());
        await page.SelectOptionAsync("#grant-form-role", "company_manager");
        await page.SelectOptionAsync("#grant-form-projectId", project.ToString());
        await page.ClickAsync("[data-testid=grant-form-submit]");
        await page.WaitForSelectorAsync("[data-form-error] >> text=项目经理不能授予公司管理层");

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("[data-testid=revoke]").ClickAsync();
        await page.WaitForLoadStateAsync();
        await Microsoft.Playwright.Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.False(await _b.App.DbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == guard && r.ZoneId == zone.Id)));
    }
}
