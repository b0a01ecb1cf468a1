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
}
