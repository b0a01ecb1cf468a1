using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>Editing and ending a person's link to a unit from the person page and the unit page, on a phone.</summary>
public sealed class OccupancyJourneyTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task Customer_service_renews_a_lease_and_ends_the_owners_link_on_the_unit_page_which_hides_the_unit_from_the_owner()
    {
        var unit = await OwnUnitAsync(await _b.App.As("owner"));
        var project = await ProjectOfAsync(_b.App, unit);
        var pm = await _b.App.As("pm");
        var tenant = (await (await pm.PostJsonAsync("/api/v1/people", new { projectId = project, name = "魏租客" })).JsonAsync())
            .GetProperty("id")
            .GetGuid();
        await pm.PostJsonAsync(
                $"/api/v1/people/{tenant}/units",
                new
                {
                    unitId = unit,
                    relation = "tenant",
                    since = "2026-01-01",
                    until = "2026-12-31",
                }
            )
            .OkAsync();

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");

        // The lease is renewed from the person page; a lease ending before it starts is refused under the field.
        await page.GotoAsync($"/master-data/records/people/{tenant}");
        var link = page.Locator("[data-testid=related] [data-testid=link]").First;
        await link.Locator("[data-testid=edit-link]").ClickAsync();
        await link.Locator("[data-testid=link-form] input[name=until]").FillAsync("2025-12-31");
        await link.Locator("[data-testid=save-link]").ClickAsync();
        await link.Locator("[data-testid=link-form] [data-error-for=until]:not(:empty)").WaitForAsync();
        await link.Locator("[data-testid=link-form] input[name=until]").FillAsync("2027-12-31");
        await link.Locator("[data-testid=save-link]").ClickAsync();
        await page.WaitForURLAsync("**saved=1");
        Assert.Contains("2027-12-31", await page.InnerTextAsync("[data-testid=related]"));
        await page.AssertFitsPhoneAsync();

        // The owner sold the unit yesterday: the link ends and stays listed as ended.
        var yesterday = ChinaTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd");
        await page.GotoAsync($"/master-data/units/{unit}");
        var ownerLink = (
            await _b.App.DbAsync(db =>
                db.UnitOccupants()
                    .SingleAsync(o =>
                        o.UnitId == unit
                        && o.Relation == Wuye.Modules.MasterData.Contracts.OccupantRelation.Owner
                        && db.People().Any(p => p.Id == o.PersonId && p.Phone == "13800138000")
                    )
            )
        ).Id.ToString();
        var owner = page.Locator($"[data-testid=occupants] [data-testid=link][data-link='{ownerLink}']");
        await owner.Locator("[data-testid=edit-link]").ClickAsync();
        await owner.Locator("[data-testid=end-form] input[name=until]").FillAsync(yesterday);
        await owner.Locator("[data-testid=end-link]").ClickAsync();
        await page.WaitForURLAsync("**saved=1");
        await page.WaitForSelectorAsync($"[data-testid=occupants] [data-link='{ownerLink}'][data-ended=true] [data-testid=ended]");
        await page.AssertFitsPhoneAsync();

        Assert.Equal(
            yesterday,
            (await _b.App.DbAsync(db => db.UnitOccupants().SingleAsync(o => o.Id == Guid.Parse(ownerLink)))).Until?.ToString("yyyy-MM-dd")
        );
        _b.App.ForgetTokens();
        Assert.Equal(0, (await (await _b.App.As("owner")).GetJsonAsync("/api/v1/units")).GetProperty("total").GetInt32());
    }
}
