using System.Net;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

[Collection(nameof(WorkOrdersApiCollection))]
public sealed class LegacyDefectTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_defect_registered_by_staff_shows_its_progress_to_the_owner_and_to_no_other_owner()
    {
        var owner = await _app.As("owner");
        var unit = await OwnUnitAsync(owner);
        var service = await _app.As("service");
        var created = await service.PostJsonAsync(
            "/api/v1/legacy-defects",
            new
            {
                unitId = unit,
                category = "plumbing",
                description = "厨房墙内水管渗漏",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("客服 赵敏", (await created.JsonAsync()).GetProperty("responsibleName").GetString());
        await service
            .PostJsonAsync(
                $"/api/v1/legacy-defects/{id}/progress",
                new
                {
                    status = "reportedToDeveloper",
                    note = "已报开发商维修办",
                    developerRef = "KF-2026-001",
                }
            )
            .OkAsync();

        var mine = await owner.GetJsonAsync($"/api/v1/legacy-defects/{id}");
        Assert.Equal("reportedToDeveloper", mine.GetProperty("status").GetString());
        Assert.Equal(2, mine.GetProperty("updates").GetArrayLength());
        Assert.Equal("KF-2026-001", mine.GetProperty("developerRef").GetString());

        var neighbour = await _app.As("committee");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/legacy-defects/{id}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await owner.PostJsonAsync(
                    "/api/v1/legacy-defects",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description = "x",
                    }
                )
            ).StatusCode
        );

        await service
            .PostJsonAsync($"/api/v1/legacy-defects/{id}/progress", new { status = "fixed", note = "开发商已修复，业主验收" })
            .OkAsync();
        var again = await service.PostJsonAsync($"/api/v1/legacy-defects/{id}/progress", new { status = "repairing", note = "x" });
        Assert.Equal("legacy_defect.closed", (await again.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_defect_for_an_unknown_unit_is_refused()
    {
        var res = await (await _app.As("service")).PostJsonAsync(
            "/api/v1/legacy-defects",
            new
            {
                unitId = Guid.NewGuid(),
                category = "plumbing",
                description = "x",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("unitId", out _));
    }
}
