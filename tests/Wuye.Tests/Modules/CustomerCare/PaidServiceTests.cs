using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Paid special services (菜单式特约服务) on one app: the demo menu has at least ten priced items; an owner orders on the portal
/// (375 px), the desk assigns the demo technician, who records it done with the payment, and the owner rates it; a bad order, a
/// rating out of range, a rating before completion and a second rating are refused.
/// </summary>
[Collection(nameof(CustomerCareBrowserCollection))]
public sealed class PaidServiceTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_paid_service_is_ordered_on_the_portal_assigned_done_and_paid_and_rated_once()
    {
        var app = _b.App;
        var (home, techStaff) = await app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var unit = await db.PersonRefs()
                .Where(p => p.UserId == user)
                .Join(db.OccupantRefs(), p => p.Id, o => o.PersonId, (p, o) => o)
                .OrderBy(o => o.UnitId)
                .FirstAsync();
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var staff = await db.StaffRefs().Where(s => s.UserId == tech).Select(s => s.Id).FirstAsync();
            return (unit, staff);
        });
        var owner = await app.As("owner");
        var menu = (await owner.GetJsonAsync($"/api/v1/paid-services?projectId={home.ProjectId}&pageSize=50")).GetProperty("items");
        Assert.True(menu.GetArrayLength() >= 10);
        var cleaning = menu.EnumerateArray().First(m => m.GetProperty("name").GetString() == "空调清洗");

        var bad = await owner.PostJsonAsync("/api/v1/paid-service-orders", new { unitId = home.UnitId, quantity = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("serviceId", out _));
        Assert.True(errors.TryGetProperty("quantity", out _));

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync("/portal/services");
        await page.AssertFitsPhoneAsync();
        var item = page.Locator($"[data-testid=menu-item][data-id='{cleaning.GetProperty("id").GetGuid()}']");
        await item.Locator("[data-testid=order-open]").ClickAsync();
        await item.Locator("input[name=Quantity]").FillAsync("2");
        await item.Locator("input[name=Note]").FillAsync("客厅和主卧两台挂机");
        await item.Locator("[data-testid=order]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        var orderId = await app.DbAsync(db =>
            db.Set<PaidOrder>().Where(o => o.UnitId == home.UnitId && o.Note == "客厅和主卧两台挂机").Select(o => o.Id).SingleAsync()
        );
        Assert.Equal(160m, await app.DbAsync(db => db.Set<PaidOrder>().Where(o => o.Id == orderId).Select(o => o.Amount).SingleAsync()));
        var rateEarly = await owner.PostJsonAsync($"/api/v1/paid-service-orders/{orderId}/rate", new { rating = 5 });
        Assert.Equal(HttpStatusCode.Conflict, rateEarly.StatusCode);

        var desk = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(desk, "service");
        await desk.GotoAsync(Roles.Find(Roles.CustomerService)!.Home);
        await desk.ClickAsync("[data-testid=task]:has-text('待派特约服务')");
        await desk.WaitForURLAsync("**/care/paid-services");
        var card = desk.Locator($"[data-testid=order][data-id='{orderId}']");
        await card.Locator("select[name=StaffId]").SelectOptionAsync(techStaff.ToString());
        await card.Locator("[data-testid=assign]").ClickAsync();
        await desk.Locator("[data-testid=done]").WaitForAsync();
        await desk.AssertFitsPhoneAsync();

        var tech = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(tech, "tech");
        await tech.GotoAsync(Roles.Find(Roles.Technician)!.Home);
        await tech.ClickAsync("[data-testid=task]:has-text('我的特约服务')");
        await tech.WaitForURLAsync("**/care/paid-services");
        var job = tech.Locator($"[data-testid=order][data-id='{orderId}'][data-status=Assigned]");
        await job.Locator("summary").ClickAsync();
        await job.Locator("select[name=PaidMethod]").SelectOptionAsync("WeChat");
        await job.Locator("input[name=Note]").FillAsync("两台挂机已清洗消毒");
        await job.Locator("[data-testid=complete]").ClickAsync();
        await tech.Locator("[data-testid=done]").WaitForAsync();
        await tech.AssertFitsPhoneAsync();

        await page.GotoAsync("/portal/services");
        var mine = page.Locator($"[data-testid=my-order][data-id='{orderId}']");
        Assert.Contains("周师傅", await mine.InnerTextAsync());
        await mine.Locator("[data-testid=rate-5]").ClickAsync();
        await mine.Locator("input[name=Comment]").FillAsync("准时，干净");
        await mine.Locator("[data-testid=rate]").ClickAsync();
        await page.Locator("[data-testid=done]").WaitForAsync();
        Assert.Contains("5/5", await page.Locator($"[data-testid=my-order][data-id='{orderId}'] [data-testid=rated]").InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        var done = await app.DbAsync(db => db.Set<PaidOrder>().AsNoTracking().SingleAsync(o => o.Id == orderId));
        Assert.Equal(PaidOrderStatus.Done, done.Status);
        Assert.Equal(160m, done.PaidAmount);
        Assert.Equal(PaidMethod.WeChat, done.PaidMethod);
        Assert.Equal(5, done.Rating);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await owner.PostJsonAsync($"/api/v1/paid-service-orders/{orderId}/rate", new { rating = 4 })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await owner.PostJsonAsync($"/api/v1/paid-service-orders/{orderId}/rate", new { rating = 6 })).StatusCode
        );

        await tech.ClickAsync("[data-testid=culture-switch]");
        await tech.WaitForSelectorAsync("html[lang=en]");
        await tech.GotoAsync("/care/paid-services");
        Assert.Contains("Menu", await tech.Locator("body").InnerTextAsync());
        await tech.AssertFitsPhoneAsync();
    }
}
