using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The technician's night lighting round on a 375 px phone: the menu, today's open tasks, the checklist with two failed items, each
/// turned into a work order shown beside its result, and the task saying its failures are not fixed yet. The demo's own round of last
/// night, recorded by the technician through the app with its lamps out, carries its work orders the same way.
/// </summary>
[Collection(nameof(FacilitiesBrowserCollection))]
public sealed class MaintenanceJourneyTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_technician_fails_two_items_of_todays_lighting_round_on_a_phone_and_each_opens_a_work_order()
    {
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "tech");
        Assert.Equal(1, await page.Locator("[data-testid=nav-maintenance]").CountAsync());
        await page.GotoAsync("/facilities/tasks");
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=tasks] a[data-plan='夜间照明巡查']");
        await page.AssertFitsPhoneAsync();
        // Submitting with nothing answered is a message on the page, field by field.
        await page.ClickAsync("[data-testid=submit]");
        Assert.Contains("灯具全部点亮", await page.Locator("[data-testid=error]").InnerTextAsync());
        await page.ClickAsync("[data-item='灯具全部点亮'] [data-testid=not-ok]");
        await page.FillAsync("[data-item='不亮灯具数量'] [data-testid=number]", "2");
        await page.ClickAsync("[data-testid=submit]");
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Equal("Done", await page.GetAttributeAsync("[data-testid=task-status]", "data-status"));
        Assert.Equal(2, await page.Locator("[data-testid=results] [data-failed=true]").CountAsync());
        var linked = page.Locator("[data-testid=linked-request]");
        Assert.Equal(2, await linked.CountAsync());
        Assert.StartsWith("BX", await linked.First.GetAttributeAsync("data-number"));
        Assert.Equal("2", await page.GetAttributeAsync("[data-testid=failures]", "data-open"));
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task The_demos_last_night_round_has_its_failed_items_linked_to_open_work_orders()
    {
        var tech = await _b.App.As("tech");
        var pm = await _b.App.As("pm");
        var plans = await tech.GetJsonAsync("/api/v1/maintenance-plans?pageSize=100");
        var plan = plans
            .GetProperty("items")
            .EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "夜间照明巡查")
            .GetProperty("id")
            .GetGuid();
        var done = await tech.GetJsonAsync($"/api/v1/maintenance-tasks?status=Done&maintenancePlanId={plan}&pageSize=100");
        var lastNight = TestCluster.SeedDay.AddDays(-1).ToString("yyyy-MM-dd");
        var id = done.GetProperty("items")
            .EnumerateArray()
            .Single(t => t.GetProperty("dueOn").GetString() == lastNight)
            .GetProperty("id")
            .GetGuid();
        var task = await tech.GetJsonAsync($"/api/v1/maintenance-tasks/{id}");
        Assert.Equal(
            ("done", 2, 2),
            (task.GetProperty("status").GetString(), task.GetProperty("failures").GetInt32(), task.GetProperty("failuresOpen").GetInt32())
        );
        var failed = task.GetProperty("results").EnumerateArray().Where(r => r.GetProperty("failed").GetBoolean()).ToList();
        Assert.Equal(2, failed.Count);
        foreach (var r in failed)
        {
            Assert.StartsWith("BX", r.GetProperty("requestNumber").GetString());
            Assert.Equal("open", r.GetProperty("requestStatus").GetString());
            // The work order links back to the task, with the time limit of the item's (normal) severity.
            var request = (await pm.GetJsonAsync($"/api/v1/service-requests/{r.GetProperty("serviceRequestId").GetGuid()}")).GetProperty(
                "request"
            );
            Assert.Contains($"/facilities/tasks/{id}", request.GetProperty("description").GetString());
            Assert.Contains(r.GetProperty("label").GetString()!, request.GetProperty("description").GetString());
            Assert.Equal(
                ("normal", "electrical"),
                (request.GetProperty("urgency").GetString(), request.GetProperty("category").GetString())
            );
            Assert.True(request.GetProperty("completionDueAt").GetDateTimeOffset() > request.GetProperty("openedAt").GetDateTimeOffset());
        }
    }
}
