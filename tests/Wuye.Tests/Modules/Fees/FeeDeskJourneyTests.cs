using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>The front desk on a 375 px phone: find the home, take cash, the numbered receipt in capitals, the PDF.</summary>
[Collection(nameof(FeesBrowserCollection))]
public sealed class FeeDeskJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_desk_takes_cash_for_a_home_that_owes_and_prints_the_numbered_receipt_as_a_PDF()
    {
        // A home of 锦绣花园 (the demo desk's project) with a bill still open.
        var (unitId, label) = await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync();
            var unit = await db.Set<Bill>()
                .Where(b => b.ProjectId == project && b.Paid < b.Amount)
                .OrderBy(b => b.UnitId)
                .Select(b => b.UnitId)
                .FirstAsync();
            return (unit, await db.UnitLabels().Where(u => u.Id == unit).Select(u => u.Label).FirstAsync());
        });
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");
        await page.GotoAsync("/fees/collect");
        await page.FillAsync("[data-testid=unit-search]", label);
        await page.PressAsync("[data-testid=unit-search]", "Enter");
        await page.ClickAsync($"[data-testid=found-unit][href$='{unitId}']");
        await page.Locator("[data-testid=open-bill]").First.WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await page.FillAsync("[data-testid=amount]", "100.50");
        await page.SelectOptionAsync("[data-testid=method]", "Cash");
        await page.ClickAsync("[data-testid=pay]");

        await page.Locator("[data-testid=receipt]").WaitForAsync();
        Assert.Matches(@"^SK\d{14}$", await page.GetAttributeAsync("[data-testid=receipt]", "data-number"));
        Assert.Equal("¥100.50", (await page.InnerTextAsync("[data-testid=receipt-amount]")).Trim());
        Assert.Equal("壹佰元伍角整", (await page.InnerTextAsync("[data-testid=receipt-capitals]")).Trim());
        await page.AssertFitsPhoneAsync();

        var pdf = await page.APIRequest.GetAsync(await page.GetAttributeAsync("[data-testid=receipt-pdf]", "href") ?? "");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(await pdf.BodyAsync(), 0, 5));
    }

    [Fact]
    public async Task The_desk_reads_a_buildings_water_meters_on_a_phone_a_wrong_reading_saves_nothing_and_a_one_off_charge_is_raised()
    {
        // A building of 锦绣花园 whose water meters are not read this month (the demo reads the demo owner's building only).
        var (itemId, buildingId, unitId) = await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync();
            var water = await db.Set<FeeItem>()
                .Where(i => i.ProjectId == project && i.Kind == FeeKind.Metered)
                .Select(i => i.Id)
                .FirstAsync();
            var read = db.Set<UtilityReading>().Where(r => r.FeeItemId == water);
            var unit = await db.UnitRefs()
                .Where(u => u.ProjectId == project && u.HandoverDate != null && u.ArchivedAt == null)
                .Where(u => !db.UnitRefs().Any(o => o.BuildingId == u.BuildingId && read.Any(r => r.UnitId == o.Id)))
                .OrderBy(u => u.Label)
                .Select(u => new { u.Id, u.BuildingId })
                .FirstAsync();
            return (water, unit.BuildingId, unit.Id);
        });
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");
        await page.GotoAsync($"/fees/readings?feeItemId={itemId}&buildingId={buildingId}");
        var row = page.Locator("[data-testid=reading-row]").First;
        await row.WaitForAsync();
        await page.AssertFitsPhoneAsync();
        await row.Locator("[data-testid=start]").FillAsync("100");
        await row.Locator("[data-testid=current]").FillAsync("90");
        await page.ClickAsync("[data-testid=save-readings]");
        Assert.Contains("小于上次读数", await page.Locator("[data-testid=row-error]").First.InnerTextAsync());
        Assert.Equal(0, await _b.App.DbAsync(db => db.Set<UtilityReading>().CountAsync(r => r.UnitId == unitId && r.FeeItemId == itemId)));

        await page.Locator("[data-testid=reading-row]").First.Locator("[data-testid=current]").FillAsync("112");
        await page.ClickAsync("[data-testid=save-readings]");
        // 12 吨 × 3.50 元/吨.
        Assert.Contains("出账 1 份，合计 ¥42.00", await page.InnerTextAsync("[data-testid=done]"));
        Assert.Contains("用量 12", await page.Locator("[data-testid=reading-row]").First.Locator("[data-testid=read]").InnerTextAsync());

        // The renovation deposit raised at the desk as a one-off bill of the same home, listed to pay beside its water bill.
        await page.GotoAsync($"/fees/collect?unitId={unitId}");
        await page.SelectOptionAsync(
            "[data-testid=one-off-item]",
            new Microsoft.Playwright.SelectOptionValue { Label = "装修押金（¥2,000.00）" }
        );
        await page.ClickAsync("[data-testid=one-off-charge]");
        await page.Locator("[data-testid=open-bill]", new() { HasText = "装修押金" }).WaitForAsync();
        Assert.Equal(1, await page.Locator("[data-testid=open-bill]", new() { HasText = "水费" }).CountAsync());
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task A_company_manager_tells_the_metered_items_of_each_project_apart_in_the_reading_picker()
    {
        // Every project of the demo manager's company has its 水费: each is named with its project.
        var expected = await _b.App.DbAsync(async db =>
        {
            var manager = await db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).SingleAsync();
            var company = await db
                .RoleAssignments.Where(r => r.UserId == manager && r.CompanyId != null)
                .Select(r => r.CompanyId)
                .FirstAsync();
            return await db.Set<FeeItem>()
                .Where(i => i.CompanyId == company && i.Kind == FeeKind.Metered && i.Name == "水费" && i.ArchivedAt == null)
                .Join(db.Projects(), i => i.ProjectId, p => p.Id, (i, p) => p.Name + " · " + i.Name)
                .ToListAsync();
        });
        Assert.True(expected.Count >= 2, string.Join(", ", expected));
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "manager");
        await page.GotoAsync("/fees/readings");
        var options = await page.Locator("[data-testid=item] option").AllInnerTextsAsync();
        Assert.All(expected, label => Assert.Contains(label, options));
        Assert.Equal(options.Count, options.Distinct().Count());
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task A_bad_one_off_charge_is_answered_under_its_fields_keeping_what_was_typed()
    {
        var unitId = await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync();
            return await db.UnitRefs()
                .Where(u => u.ProjectId == project && u.HandoverDate != null && u.ArchivedAt == null)
                .OrderByDescending(u => u.Label)
                .Select(u => u.Id)
                .FirstAsync();
        });
        Task<int> BillsAsync() => _b.App.DbAsync(db => db.Set<Bill>().CountAsync(b => b.UnitId == unitId));
        var before = await BillsAsync();
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");
        await page.GotoAsync($"/fees/collect?unitId={unitId}");
        // No item, and more than any one-off charge may be (the browser lets it through; the server does not).
        await page.FillAsync("[data-testid=one-off-amount]", "20000000");
        await page.ClickAsync("[data-testid=one-off-charge]");
        var form = page.Locator("[data-testid=one-off-form]");
        await form.Locator("[data-testid=one-off-error-amount]").Filter(new() { HasText = "金额" }).WaitForAsync();
        Assert.Contains("精确到分", await form.Locator("[data-testid=one-off-error-amount]").InnerTextAsync());
        Assert.Contains("收费项目", await form.Locator("[data-testid=one-off-error-item]").InnerTextAsync());
        Assert.Equal("20000000", await page.InputValueAsync("[data-testid=one-off-amount]"));
        // The payment form above is not the one in error.
        Assert.Equal("", (await page.InnerTextAsync("[data-testid=payment-form] [data-testid=error-amount]")).Trim());
        await page.AssertFitsPhoneAsync();

        // The item chosen, the amount still wrong: the item stays chosen, the amount's error stays under the amount.
        var deposit = new Microsoft.Playwright.SelectOptionValue { Label = "装修押金（¥2,000.00）" };
        await page.SelectOptionAsync("[data-testid=one-off-item]", deposit);
        await page.FillAsync("[data-testid=one-off-amount]", "10000001");
        await page.ClickAsync("[data-testid=one-off-charge]");
        await page.Locator("[data-testid=error]").WaitForAsync();
        Assert.Contains("精确到分", await form.Locator("[data-testid=one-off-error-amount]").InnerTextAsync());
        Assert.Equal("", (await form.Locator("[data-testid=one-off-error-item]").InnerTextAsync()).Trim());
        Assert.Equal("装修押金（¥2,000.00）", await page.Locator("[data-testid=one-off-item] option:checked").InnerTextAsync());
        Assert.Equal("10000001", await page.InputValueAsync("[data-testid=one-off-amount]"));
        Assert.Equal(before, await BillsAsync());
        await page.AssertFitsPhoneAsync();
    }
}
