using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Jobs;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// The staff duty roster feeds the security module's night roll-call and patrol rounds, on a project of its own with a moved
/// clock (today 10:00, then the night): two gates and a patrol post each with a rota guard; the roster (its posts staffing the
/// east gate and the patrol post) puts other people on them tonight. The planned rounds carry the rostered patrol guard; the
/// 22:00 roll-call calls the rostered east-gate guard, and the north gate the roster does not staff keeps its rota guard. Once
/// the patrol post's roster entry is taken away, the round's guard falls back to the rota in the hour before it starts.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class RosterDutyFeedTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private readonly FakeTimeProvider _clock = Clocks.At(
        new DateTimeOffset(ChinaTime.Today(TimeProvider.System).ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset)
    );

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DateOnly Today => ChinaTime.Today(_clock);

    private void At(int hour, int minute, int second = 0) =>
        _clock.SetUtcNow(new DateTimeOffset(Today.ToDateTime(new TimeOnly(hour, minute, second)), ChinaTime.Offset).ToUniversalTime());

    [Fact]
    public async Task Tonights_roster_chooses_the_guard_called_and_the_patrol_walker_and_the_rota_stays_where_it_has_none()
    {
        var manager = await _app.As("manager");
        var (_, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "排班点名花园", "排班点名秩序班");
        async Task<Guid> PersonAsync(string name) =>
            (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name }).OkAsync()).GetProperty("id").GetGuid();
        async Task<Guid> PostAsync(string name, string kind) => (
                await manager
                    .PostJsonAsync(
                        "/api/v1/posts",
                        new
                        {
                            projectId = project,
                            name,
                            kind,
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
        var east = await PostAsync("排班东门", "gate");
        var north = await PostAsync("轮值北门", "gate");
        var patrol = await PostAsync("排班巡逻岗", "patrol");

        // The security rota: a guard on each of the three posts tonight.
        var guardShift = (
            await manager
                .PostJsonAsync(
                    "/api/v1/posts/shifts",
                    new
                    {
                        projectId = project,
                        name = "轮值夜班",
                        starts = "19:00",
                        ends = "07:00",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        foreach (var (post, name) in new[] { (east, "轮值东门甲"), (north, "轮值北门乙"), (patrol, "轮值巡逻丙") })
            await manager
                .PostJsonAsync(
                    $"/api/v1/posts/{post}/assignments",
                    new
                    {
                        guardShiftId = guardShift,
                        day = Today,
                        staffMemberId = await PersonAsync(name),
                    }
                )
                .OkAsync();

        // The staff roster: its posts staff the east gate and the patrol post, with other people tonight.
        var shift = (
            await manager
                .PostJsonAsync(
                    "/api/v1/rosters/shifts",
                    new
                    {
                        projectId = project,
                        name = "排班夜班",
                        kind = "night",
                        starts = "19:00",
                        ends = "07:00",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        async Task<Guid> RosterAsync(string postName, Guid securityPostId, string person)
        {
            var post = (
                await manager
                    .PostJsonAsync(
                        "/api/v1/rosters/posts",
                        new
                        {
                            projectId = project,
                            name = postName,
                            teamId = team,
                            securityPostId,
                        }
                    )
                    .OkAsync()
            ).GetProperty("id").GetGuid();
            var entry = new
            {
                postId = post,
                shiftId = shift,
                day = Today,
                staffMemberId = await PersonAsync(person),
            };
            return (await manager.PostJsonAsync("/api/v1/rosters", entry).OkAsync()).GetProperty("id").GetGuid();
        }
        await RosterAsync("东门夜岗", east, "排班东门丁");
        var patrolEntry = await RosterAsync("夜间巡逻", patrol, "排班巡逻戊");

        // Rounds planned now carry the rostered patrol guard.
        var route = (
            await manager
                .PostJsonAsync(
                    "/api/v1/patrol-routes",
                    new
                    {
                        projectId = project,
                        name = "排班巡逻路线",
                        startTimes = new[] { "22:00", "23:00" },
                        durationMinutes = 40,
                        checkpoints = new[] { new { name = "排班一号点", dueMinute = 10 } },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        Task<Dictionary<string, string?>> RoundsAsync() =>
            _app.DbAsync(async db =>
                (
                    await db.Set<PatrolRound>()
                        .Where(r => r.PatrolRouteId == route)
                        .OrderBy(r => r.StartsAt)
                        .Select(r => new { r.StartsAt, r.DutyName })
                        .ToListAsync()
                )
                    .Where(r => DateOnly.FromDateTime(ChinaTime.ToChina(r.StartsAt).DateTime) == Today)
                    .ToDictionary(r => ChinaTime.ToChina(r.StartsAt).ToString("HH:mm"), r => r.DutyName)
            );
        Assert.Equal(new Dictionary<string, string?> { ["22:00"] = "排班巡逻戊", ["23:00"] = "排班巡逻戊" }, await RoundsAsync());

        // Taken off the roster: the round of the coming hour falls back to the rota, the later one waits for its own hour.
        (await manager.DeleteAsync($"/api/v1/rosters/{patrolEntry}")).EnsureSuccessStatusCode();
        At(21, 30);
        await _app.Services.GetRequiredService<PatrolRoundJob>().RunOnceAsync();
        Assert.Equal(new Dictionary<string, string?> { ["22:00"] = "轮值巡逻丙", ["23:00"] = "排班巡逻戊" }, await RoundsAsync());

        // The 22:00 roll-call: the east gate calls the rostered guard, the north gate (no roster) its rota guard.
        At(22, 0, 30);
        await _app.Services.GetRequiredService<RollCallJob>().RunOnceAsync();
        var calls = await _app.DbAsync(db =>
            db.Set<RollCall>()
                .Where(c => c.ProjectId == project)
                .OrderBy(c => c.PostName)
                .Select(c => new { c.SecurityPostId, c.GuardName })
                .ToDictionaryAsync(c => c.SecurityPostId, c => c.GuardName)
        );
        Assert.Equal(
            new Dictionary<Guid, string?>
            {
                [east] = "排班东门丁",
                [north] = "轮值北门乙",
                [patrol] = "轮值巡逻丙",
            },
            calls
        );
    }
}
