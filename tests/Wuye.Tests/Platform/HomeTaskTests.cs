using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Platform;

/// <summary>Staff home pages lead with what is waiting for them, counted from the records.</summary>
public sealed class HomeTaskTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private static async Task<Dictionary<string, int>> TasksAsync(Microsoft.Playwright.IPage page, string home)
    {
        await page.GotoAsync(home);
        var result = new Dictionary<string, int>();
        foreach (var item in await page.Locator("[data-testid=task]").AllAsync())
            result[(await item.Locator("span").First.InnerTextAsync()).Trim()] = int.Parse(
                await item.Locator("[data-testid=task-count]").InnerTextAsync()
            );
        return result;
    }

    [Fact]
    public async Task A_dispatched_job_shows_on_the_technicians_home_and_leaves_the_desks_queue()
    {
        var techId = await UserIdAsync(_b.App, "tech");
        var project = await _b.App.DbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == techId).Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var service = await _b.App.As("service");
        var created = await service
            .PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    projectId = project,
                    location = "2幢大堂",
                    category = "electrical",
                    description = "大堂灯闪烁",
                }
            )
            .OkAsync();
        var wo = await _b.App.DbAsync(db =>
            db.Set<WorkOrder>().Where(w => w.ServiceRequestId == created.GetProperty("id").GetGuid()).Select(w => w.Id).FirstAsync()
        );

        var techPage = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(techPage, "tech");
        var deskPage = await _b.NewPageAsync(1280, 800);
        await BrowserApp.SignInAsync(deskPage, "service");
        var techHome = Roles.Find(Roles.Technician)!.Home;
        var deskHome = Roles.Find(Roles.CustomerService)!.Home;

        var techBefore = await TasksAsync(techPage, techHome);
        var deskBefore = await TasksAsync(deskPage, deskHome);
        var expected = await _b.App.DbAsync(db =>
            db.Set<WorkOrder>().CountAsync(w => w.AssigneeUserId == techId && w.Status == WorkOrderStatus.Dispatched)
        );
        Assert.Equal(expected, techBefore["待接单"]);

        await service.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = techId }).OkAsync();

        Assert.Equal(techBefore["待接单"] + 1, (await TasksAsync(techPage, techHome))["待接单"]);
        Assert.Equal(deskBefore["待派单"] - 1, (await TasksAsync(deskPage, deskHome))["待派单"]);
        await techPage.ClickAsync("[data-testid=task] >> nth=0");
        Assert.EndsWith("/work-orders/my", new Uri(techPage.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_complaint_received_by_customer_service_is_theirs_on_their_home()
    {
        var serviceId = await UserIdAsync(_b.App, "service");
        var owner = await _b.App.As("owner");
        var unit = await OwnUnitAsync(owner);
        var person = await _b.App.DbAsync(db => db.People().Where(p => p.Phone == "13800138000").Select(p => p.Id).FirstAsync());
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "service");
        var home = Roles.Find(Roles.CustomerService)!.Home;
        var before = await TasksAsync(page, home);
        Assert.Equal(
            await _b.App.DbAsync(db =>
                db.Set<Wuye.Modules.Complaints.Domain.Complaint>()
                    .CountAsync(c => c.OwnerStaffId == serviceId && c.Status == Wuye.Modules.Complaints.Domain.ComplaintStatus.Open)
            ),
            before["我负责的投诉"]
        );

        await (await _b.App.As("service"))
            .PostJsonAsync(
                "/api/v1/complaints",
                new
                {
                    unitId = unit,
                    personId = person,
                    channel = "hotline",
                    category = "repairs",
                    description = "报修三天没人上门",
                }
            )
            .OkAsync();

        Assert.Equal(before["我负责的投诉"] + 1, (await TasksAsync(page, home))["我负责的投诉"]);
    }
}

/// <summary>Owners complain from the portal on a phone and follow their complaints there.</summary>
public sealed class PortalComplaintTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task An_owner_complains_on_a_phone_and_customer_service_owns_it()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync("/portal/requests");
        await page.ClickAsync("[data-testid=to-complaints]");
        await page.WaitForSelectorAsync("[data-testid=new-complaint]");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0);

        await page.FillAsync("#Description", "楼上装修每天早上七点就开始电钻");
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("[data-testid=error]");
        Assert.NotEqual("", (await page.InnerTextAsync("[data-testid=error-category]")).Trim());
        Assert.Equal("楼上装修每天早上七点就开始电钻", await page.InputValueAsync("#Description"));

        await page.SelectOptionAsync("#Category", "Renovation");
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("[data-testid=done]");
        var card = page.Locator("[data-testid=complaint]", new() { HasText = "电钻" });
        Assert.Equal("Open", await card.GetAttributeAsync("data-status"));
        var id = Guid.Parse((await card.GetAttributeAsync("data-id"))!);
        var saved = await _b.App.DbAsync(db => db.Set<Wuye.Modules.Complaints.Domain.Complaint>().FirstAsync(c => c.Id == id));
        Assert.Equal(Wuye.Modules.Complaints.Domain.ComplaintChannel.Portal, saved.Channel);
        Assert.True(
            await _b.App.DbAsync(db =>
                db.RoleAssignments.AnyAsync(r =>
                    r.UserId == saved.OwnerStaffId && r.Role == Roles.CustomerService && r.ProjectId == saved.ProjectId
                )
            ),
            "the project's customer service owns a portal complaint"
        );
        Assert.Contains(saved.OwnerStaffName, await card.InnerTextAsync());
    }
}
