using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>Issue 21: a unit is found the way staff say it ("7幢", "7幢 101"), and numbers sort as people count.</summary>
[Collection(nameof(MasterDataApiCollection))]
public sealed class UnitSearchTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task A_search_finds_a_units_building_and_label_and_unit_numbers_sort_naturally()
    {
        var manager = await _app.As("manager");
        var building = await _app.DbAsync(db =>
            db.Buildings()
                .Where(b => b.Name == "5幢" && db.Projects().Any(p => p.Id == b.ProjectId && p.Name == "锦绣花园"))
                .Select(b => new
                {
                    b.Id,
                    b.ProjectId,
                    Project = db.Projects().Where(p => p.Id == b.ProjectId).Select(p => p.Name).First(),
                })
                .FirstAsync()
        );

        var byBuilding = Items(
            await manager.GetJsonAsync($"/api/v1/units?projectId={building.ProjectId}&q={Uri.EscapeDataString("5幢")}&pageSize=200")
        );
        Assert.NotEmpty(byBuilding);
        Assert.All(byBuilding, u => Assert.Equal("5幢", u.GetProperty("buildingName").GetString()));
        foreach (var q in new[] { "5幢 101", "5幢101", $"{building.Project} 5幢 101" })
        {
            var found = Assert.Single(
                Items(await manager.GetJsonAsync($"/api/v1/units?projectId={building.ProjectId}&q={Uri.EscapeDataString(q)}"))
            );
            Assert.Equal("101", found.GetProperty("number").GetString());
        }

        // 101 … 901, 1001 …: the order of the floors, in SQL (paging goes through the same order).
        var numbers = Items(await manager.GetJsonAsync($"/api/v1/units?buildingId={building.Id}&pageSize=200"))
            .Select(u => u.GetProperty("number").GetString()!)
            .ToList();
        Assert.Contains(numbers, n => n.Length == 3);
        Assert.Contains(numbers, n => n.Length == 4);
        Assert.Equal(numbers.OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal), numbers);
        var second = Items(await manager.GetJsonAsync($"/api/v1/units?buildingId={building.Id}&pageSize=10&page=2"))
            .Select(u => u.GetProperty("number").GetString()!);
        Assert.Equal(numbers.Skip(10).Take(10), second);

        // Buildings too: 2幢 before 10幢 in a project's unit list.
        var tenth = (
            await manager
                .PostJsonAsync(
                    "/api/v1/buildings",
                    new
                    {
                        projectId = building.ProjectId,
                        name = "10幢",
                        floors = 1,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await manager
            .PostJsonAsync(
                "/api/v1/units",
                new
                {
                    buildingId = tenth,
                    number = "101",
                    floor = 1,
                }
            )
            .OkAsync();
        var names = Items(await manager.GetJsonAsync($"/api/v1/units?projectId={building.ProjectId}&pageSize=200&q=101"))
            .Select(u => u.GetProperty("buildingName").GetString()!)
            .Distinct()
            .ToList();
        Assert.Equal(names.OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal), names);
    }
}
