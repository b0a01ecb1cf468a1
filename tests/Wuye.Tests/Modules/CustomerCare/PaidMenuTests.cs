using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Keeping the paid-service menu through the API, on an item this class adds: a new price applies to new orders while an order
/// placed keeps its price; the owner cancels an order before it is assigned, and after it is assigned is refused with the reason;
/// a retired item takes no order, cannot be edited or retired again; bad input is answered field by field; a steward may not
/// keep the menu.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class PaidMenuTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_new_price_leaves_placed_orders_alone_an_order_is_cancelled_only_before_assignment_and_a_retired_item_takes_none()
    {
        var (home, techStaff) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var unit = await db.PersonRefs()
                .Where(p => p.UserId == user)
                .Join(db.OccupantRefs(), p => p.Id, o => o.PersonId, (p, o) => o)
                .OrderBy(o => o.UnitId)
                .FirstAsync();
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            return (unit, await db.StaffRefs().Where(s => s.UserId == tech).Select(s => s.Id).FirstAsync());
        });
        var desk = await _app.As("service");
        var owner = await _app.As("owner");
        var item = (
            await desk.PostJsonAsync(
                    "/api/v1/paid-services",
                    new
                    {
                        projectId = home.ProjectId,
                        name = "菜单调价测试·擦玻璃",
                        category = "保洁",
                        price = 50m,
                        priceUnit = "次",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        async Task<(Guid Id, decimal Price, decimal Amount)> OrderAsync()
        {
            var o = await owner
                .PostJsonAsync(
                    "/api/v1/paid-service-orders",
                    new
                    {
                        serviceId = item,
                        unitId = home.UnitId,
                        quantity = 2,
                    }
                )
                .OkAsync();
            return (o.GetProperty("id").GetGuid(), o.GetProperty("price").GetDecimal(), o.GetProperty("amount").GetDecimal());
        }
        var first = await OrderAsync();
        Assert.Equal((50m, 100m), (first.Price, first.Amount));

        // A new price: field by field, a steward refused; the order placed keeps 50, a new one pays 60.
        var bad = await desk.PutAsJsonAsync(
            $"/api/v1/paid-services/{item}",
            new { price = -1m, description = new string('x', 301) },
            WuyeApp.Json
        );
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("price", out _) && errors.TryGetProperty("description", out _));
        var steward = await _app.As("steward");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await steward.PutAsJsonAsync($"/api/v1/paid-services/{item}", new { price = 1m }, WuyeApp.Json)).StatusCode
        );
        var edited = await desk.PutAsJsonAsync(
                $"/api/v1/paid-services/{item}",
                new { price = 60m, description = "含内外两面" },
                WuyeApp.Json
            )
            .OkAsync();
        Assert.Equal(60m, edited.GetProperty("price").GetDecimal());
        Assert.Equal("含内外两面", edited.GetProperty("description").GetString());
        var kept = await owner.GetJsonAsync($"/api/v1/paid-service-orders/{first.Id}");
        Assert.Equal((50m, 100m), (kept.GetProperty("price").GetDecimal(), kept.GetProperty("amount").GetDecimal()));
        var second = await OrderAsync();
        Assert.Equal((60m, 120m), (second.Price, second.Amount));

        // Cancelled before it is assigned, once; after assignment the refusal names the assignee.
        var cancelled = await owner.PostAsync($"/api/v1/paid-service-orders/{first.Id}/cancel", null).OkAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var again = await owner.PostAsync($"/api/v1/paid-service-orders/{first.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("paid_order.cancelled", (await again.JsonAsync()).GetProperty("code").GetString());
        await desk.PostJsonAsync($"/api/v1/paid-service-orders/{second.Id}/assign", new { staffId = techStaff }).OkAsync();
        var late = await owner.PostAsync($"/api/v1/paid-service-orders/{second.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await late.JsonAsync();
        Assert.Equal("paid_order.assigned", problem.GetProperty("code").GetString());
        Assert.Contains("周师傅", problem.GetProperty("title").GetString());
        Assert.Equal(
            PaidOrderStatus.Assigned,
            await _app.DbAsync(db => db.Set<PaidOrder>().Where(o => o.Id == second.Id).Select(o => o.Status).SingleAsync())
        );

        // Retired: off the owner's menu, no new order, no edit, not twice; staff still see it, marked.
        var retired = await desk.PostAsync($"/api/v1/paid-services/{item}/retire", null).OkAsync();
        Assert.False(retired.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await desk.PostAsync($"/api/v1/paid-services/{item}/retire", null)).StatusCode);
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await desk.PutAsJsonAsync($"/api/v1/paid-services/{item}", new { price = 70m }, WuyeApp.Json)).StatusCode
        );
        var ownerMenu = (await owner.GetJsonAsync($"/api/v1/paid-services?projectId={home.ProjectId}&pageSize=100")).GetProperty("items");
        Assert.DoesNotContain(ownerMenu.EnumerateArray(), m => m.GetProperty("id").GetGuid() == item);
        var refused = await owner.PostJsonAsync(
            "/api/v1/paid-service-orders",
            new
            {
                serviceId = item,
                unitId = home.UnitId,
                quantity = 1,
            }
        );
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("serviceId", out _));
        var page = WebUtility.HtmlDecode(await desk.GetStringAsync("/care/paid-services"));
        Assert.Matches($"data-id=\"{item}\" data-active=\"False\"", page);
    }
}
