using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>Posts, shifts and the day's post board through the API: the demo rota, a construction-site gate's double-post slots filled
/// one guard at a time, a guard put on two posts at once refused, bad input answered field by field.</summary>
public sealed class PostTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp App = shared.Use(TimeProvider.System);

    [Fact]
    public async Task The_demo_board_shows_who_is_on_each_post_today_and_the_site_gates_missing_second_guard()
    {
        var monitor = await App.As("monitor");
        var board = await monitor.GetJsonAsync($"/api/v1/posts/board?date={TestCluster.SeedDay:yyyy-MM-dd}");
        var posts = board.GetProperty("posts").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.True(posts.ContainsKey("监控中心"));
        var east = posts["东门岗"].GetProperty("shifts").EnumerateArray().ToList();
        Assert.Contains(east, s => s.GetProperty("name").GetString() == "夜班" && s.GetProperty("people").GetArrayLength() == 1);
        var site = posts["二期工地大门"];
        Assert.Equal(4, site.GetProperty("slots").EnumerateArray().Count(s => s.GetProperty("short").GetBoolean()));
        Assert.Equal(4, board.GetProperty("gaps").GetInt32());
    }

    [Fact]
    public async Task A_site_gate_needs_two_guards_in_each_double_slot_and_nobody_is_on_two_posts_at_once()
    {
        var manager = await App.As("manager");
        var project = await App.DbAsync(db => db.Projects().Where(p => p.Name == "阳光水岸").Select(p => p.Id).FirstAsync());
        var staff = await App.DbAsync(db =>
            db.StaffRefs()
                .Where(s => s.ProjectId == project && s.ArchivedAt == null)
                .OrderBy(s => s.Name)
                .Select(s => s.Id)
                .Take(3)
                .ToListAsync()
        );
        var foreignStaff = await App.DbAsync(db =>
            db.StaffRefs().Where(s => s.ProjectId != project && s.ProjectId != null).Select(s => s.Id).FirstAsync()
        );

        var bad = await manager.PostJsonAsync(
            "/api/v1/posts",
            new
            {
                projectId = project,
                name = "",
                kind = "gate",
                doubleSlots = new[] { "07:30-06:00" },
            }
        );
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("doubleSlots[0]", out _));

        var post = await manager
            .PostJsonAsync(
                "/api/v1/posts",
                new
                {
                    projectId = project,
                    name = "三期工地大门",
                    kind = "gate",
                    doubleSlots = new[] { "11:00-12:00", "06:00-07:30" },
                }
            )
            .OkAsync();
        Assert.Equal(["06:00-07:30", "11:00-12:00"], post.GetProperty("doubleSlots").EnumerateArray().Select(x => x.GetString()!));
        var gate = await manager
            .PostJsonAsync(
                "/api/v1/posts",
                new
                {
                    projectId = project,
                    name = "三期北门",
                    kind = "gate",
                }
            )
            .OkAsync();
        var shift = await manager
            .PostJsonAsync(
                "/api/v1/posts/shifts",
                new
                {
                    projectId = project,
                    name = "工地早班",
                    starts = "05:30",
                    ends = "13:30",
                }
            )
            .OkAsync();
        var day = "2030-05-06";
        async Task<HttpResponseMessage> Assign(JsonElement p, Guid person) =>
            await manager.PostJsonAsync(
                $"/api/v1/posts/{p.GetProperty("id").GetGuid()}/assignments",
                new
                {
                    guardShiftId = shift.GetProperty("id").GetGuid(),
                    day,
                    staffMemberId = person,
                }
            );
        async Task<JsonElement> Site() =>
            (await manager.GetJsonAsync($"/api/v1/posts/board?projectId={project}&date={day}"))
                .GetProperty("posts")
                .EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == "三期工地大门");

        await Assign(post, staff[0]).OkAsync();
        var one = await Site();
        Assert.Equal([true, true], one.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("short").GetBoolean()));
        await Assign(post, staff[1]).OkAsync();
        var two = await Site();
        Assert.Equal(0, two.GetProperty("gaps").GetInt32());
        Assert.Equal(2, two.GetProperty("shifts")[0].GetProperty("people").GetArrayLength());

        var twice = await Assign(gate, staff[1]);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("post_assignment.double_booked", (await twice.JsonAsync()).GetProperty("code").GetString());
        var foreign = await Assign(gate, foreignStaff);
        Assert.True((await foreign.JsonAsync()).GetProperty("errors").TryGetProperty("staffMemberId", out _));
        // A guard reads the board but may not change the rota.
        var guard = await App.As("guard");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await guard.PostJsonAsync(
                    $"/api/v1/posts/{gate.GetProperty("id")}/assignments",
                    new
                    {
                        guardShiftId = shift.GetProperty("id"),
                        day,
                        staffMemberId = staff[2],
                    }
                )
            ).StatusCode
        );
    }
}
