using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>减免 on a 375 px phone: the desk asks from the arrears list's home, the project manager finds it on his home page
/// (and through the menu), approves, and the bill's open amount drops by it.</summary>
[Collection(nameof(FeesBrowserCollection))]
public sealed class FeeAdjustmentJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task The_desk_asks_for_a_vacancy_reduction_and_the_project_manager_approves_it_from_his_home_page()
    {
        var (unitId, billId, owed) = await _b.App.DbAsync(async db =>
        {
            var project = await db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync();
            var bill = await db.Set<Bill>()
                .Where(b => b.ProjectId == project && b.Paid + 20m < b.Amount)
                .OrderByDescending(b => b.DueDate)
                .ThenBy(b => b.UnitId)
                .FirstAsync();
            return (bill.UnitId, bill.Id, bill.Amount - bill.Paid);
        });
        var desk = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(desk, "service");
        await desk.GotoAsync($"/fees/adjustments?unitId={unitId}");
        await desk.SelectOptionAsync("[data-testid=fees-adjustment-bill]", billId.ToString());
        await desk.FillAsync("[data-testid=fees-adjustment-amount]", "12.34");
        await desk.SelectOptionAsync("[data-testid=fees-adjustment-reason]", "Vacant");
        await desk.FillAsync("[data-testid=fees-adjustment-text]", "整月空置，水电读数未变");
        await desk.AssertFitsPhoneAsync();
        await desk.ClickAsync("[data-testid=fees-adjustment-submit]");
        await desk.Locator("[data-testid=fees-adjustment-done]").WaitForAsync();
        // The asker sees it waiting, without the buttons to decide it.
        Assert.Equal(0, await desk.Locator("[data-testid=fees-adjustment-approve]").CountAsync());

        var pm = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(pm, "pm");
        await pm.GotoAsync(Roles.Find(Roles.ProjectManager)!.Home);
        await pm.ClickAsync("[data-testid=task][href='/fees/adjustments']");
        await pm.Locator("[data-testid=fees-adjustment]").First.WaitForAsync();
        await pm.GotoAsync("/fees");
        await pm.ClickAsync("[data-testid=fees-adjustments]");
        var card = pm.Locator("[data-testid=fees-adjustment]").Filter(new() { HasText = "整月空置，水电读数未变" });
        await card.Locator("[data-testid=fees-adjustment-note]").FillAsync("已核实");
        await pm.AssertFitsPhoneAsync();
        await card.Locator("[data-testid=fees-adjustment-approve]").ClickAsync();
        await pm.Locator("[data-testid=fees-adjustment-done]").WaitForAsync();

        var after = await _b.App.DbAsync(db => db.Set<Bill>().Where(b => b.Id == billId).Select(b => b.Amount - b.Paid).FirstAsync());
        Assert.Equal(owed - 12.34m, after);
    }
}
