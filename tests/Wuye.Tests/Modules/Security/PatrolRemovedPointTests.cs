using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// A point removed from a route while a round is under way stays in that round's frozen plan (the round was planned with it) and
/// counts as missed there, and the supervisor excuses it like any other missed point (it was refused: the checkpoint row was gone).
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class PatrolRemovedPointTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(21), China));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void At(int hour, int minute) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute), China).ToUniversalTime());

    [Fact]
    public async Task A_point_removed_while_a_round_is_walked_is_missed_there_and_the_supervisor_excuses_it()
    {
        var pm = await _app.As("pm");
        var route = (
            await pm.PostJsonAsync(
                    "/api/v1/patrol-routes",
                    new
                    {
                        projectId = _project,
                        name = "删点测试路线",
                        startTimes = new[] { "22:00" },
                        durationMinutes = 60,
                        checkpoints = new object[]
                        {
                            new { name = "A 东门", dueMinute = 10 },
                            new { name = "B 地库", dueMinute = 20 },
                            new { name = "C 泵房", dueMinute = 30 },
                        },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var labels = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{route}/labels"))
            .EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()![..1]);
        var round = (await pm.GetJsonAsync($"/api/v1/patrol-rounds?projectId={_project}&date={Day:yyyy-MM-dd}&pageSize=200"))
            .GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("patrolRouteId").GetGuid() == route)
            .GetProperty("id")
            .GetGuid();
        var guard = await _app.As("guard");
        foreach (var (letter, minute) in new[] { ("A", 10), ("B", 20) })
        {
            At(22, minute);
            await guard
                .PostJsonAsync($"/api/v1/patrol-rounds/{round}/scans", new { code = labels[letter].GetProperty("code").GetString() })
                .OkAsync();
        }

        // At 22:25 the supervisor takes C (never scanned) off the route; the round under way keeps it in its plan.
        At(22, 25);
        var points = (await pm.GetJsonAsync($"/api/v1/patrol-routes/{route}")).GetProperty("checkpoints").EnumerateArray().ToList();
        var c = points.Single(p => p.GetProperty("name").GetString() == "C 泵房").GetProperty("id").GetGuid();
        await pm.PutJsonAsync(
                $"/api/v1/patrol-routes/{route}/checkpoints",
                new
                {
                    checkpoints = points
                        .Where(p => p.GetProperty("id").GetGuid() != c)
                        .Select(p => new
                        {
                            id = p.GetProperty("id").GetGuid(),
                            name = p.GetProperty("name").GetString(),
                            dueMinute = p.GetProperty("dueMinute").GetInt32(),
                        })
                        .ToArray(),
                }
            )
            .OkAsync();

        At(23, 5);
        static (string?, int, int, string?) Figures(JsonElement r) =>
            (
                r.GetProperty("state").GetString(),
                r.GetProperty("missed").GetInt32(),
                r.GetProperty("excused").GetInt32(),
                r.GetProperty("checkpoints")
                    .EnumerateArray()
                    .Single(p => p.GetProperty("name").GetString() == "C 泵房")
                    .GetProperty("state")
                    .GetString()
            );
        Assert.Equal(("missed", 1, 0, "missed"), Figures(await pm.GetJsonAsync($"/api/v1/patrol-rounds/{round}")));

        // A point that was never in the round's plan is still refused, field by field.
        var stranger = await pm.PostJsonAsync(
            $"/api/v1/patrol-rounds/{round}/excuses",
            new { patrolCheckpointId = Guid.NewGuid(), reason = "不存在" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.True((await stranger.JsonAsync()).GetProperty("errors").TryGetProperty("patrolCheckpointId", out _));

        var excused = await pm.PostJsonAsync(
                $"/api/v1/patrol-rounds/{round}/excuses",
                new { patrolCheckpointId = c, reason = "泵房已撤点" }
            )
            .OkAsync();
        Assert.Equal(("completed", 0, 1, "excused"), Figures(excused));
        Assert.Equal(("completed", 0, 1, "excused"), Figures(await pm.GetJsonAsync($"/api/v1/patrol-rounds/{round}")));
    }
}
