using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Identity;
using Wuye.Tests.Infrastructure;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Browser;

/// <summary>Staff home pages lead with what is waiting for them, counted from the records.</summary>
public sealed class HomeTaskTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);
    public ValueTask InitializeAsync() => _b.InitializeAsync();
    public ValueTask DisposeAsync() => _b.DisposeAsync();

    private static async Task<Dictionary<string, int>> TasksAsync(Microsoft.Playwright.IPage page, string home)
    {
        await page.GotoAsync(home);
        var result = new Dictionary<string, int>();
        foreach (var item in await page.Locator("[data-testid=task]").AllAsync())
            result[(await item.Locator("span").First.InnerTextAsync()).Trim()] = int.Parse(await item.Locator("[data-testid=task-count]").InnerTextAsync());
        return result;
    }

    [Fact]
    public async Task A_dispatched_job_shows_on_the_technicians_home_and_leaves_the_desks_queue()
    {
        var techId = await UserIdAsync(_b.App, "tech");
        var project = await _b.App.DbAsync(db => db.RoleAssignments.Where(r => r.UserId == techId).Select(r => r.ProjectId!.Value).FirstAsync());
        var service = await _b.App.As("service");
        var created = await service.PostJsonAsync("/api/v1/service-requests", new { projectId = project, location = "2幢大堂", category = "electrical", description = "大堂灯闪烁" }).OkAsync();
        var wo = await _b.App.DbAsync(db => db.Set<WorkOrder>().Where(w => w.ServiceRequestId == created.GetProperty("id").GetGuid()).Select(w => w.Id).FirstAsync());

        var techPage = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(techPage, "tech");
        var deskPage = await _b.NewPageAsync(1280, 800);
        await BrowserApp.SignInAsync(deskPage, "service");
        var techHome = Roles.Find(Roles.Technician)!.Home;
        var deskHome = Roles.Find(Roles.CustomerService)!.Home;

        var techBefore = await TasksAsync(techPage, techHome);
        var deskBefore = await TasksAsync(deskPage, deskHome);
        var expected = await _b.App.DbAsync(db => db.Set<WorkOrder>().CountAsync(w => w.AssigneeUserId == techId && w.Status == WorkOrderStatus.Dispatched));
        Assert.Equal(expected, techBefore["待接单"]);

        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();

        Assert.Equal(techBefore["待接单"] + 1, (await TasksAsync(techPage, techHome))["待接单"]);
        Assert.Equal(deskBefore["待派单"] - 1, (await TasksAsync(deskPage, deskHome))["待派单"]);
        await techPage.ClickAsync("[data-testid=task] >> nth=0");
        Assert.EndsWith("/work-orders/my", new Uri(techPage.Url).AbsolutePath);
    }
}
