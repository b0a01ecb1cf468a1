using System.Text.Json;
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
    private readonly FakeTimeProvider _clock = StaffTestKit.TodayAt(10);

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
        Task<Guid> PersonAsync(string name) => StaffTestKit.PersonAsync(_app, team, name);
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
        var shift = await StaffTestKit.RosterShiftAsync(manager, project, "排班夜班", "night", "19:00", "07:00");
        async Task<Guid> RosterAsync(string postName, Guid securityPostId, string person) =>
            await StaffTestKit.RosterOnSecurityPostAsync(
                manager,
                project,
                team,
                postName,
                securityPostId,
                shift,
                Today,
                await PersonAsync(person)
            );
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

    [Fact]
    public async Task The_post_board_the_safety_tips_and_the_hidden_tokens_take_the_rostered_hours_and_the_rota_keeps_the_rest()
    {
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "排班岗位表花园", "排班岗位表秩序班");
        var gate = (
            await manager
                .PostJsonAsync(
                    "/api/v1/posts",
                    new
                    {
                        projectId = project,
                        name = "岗位表东门",
                        kind = "gate",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

        // The rota: a guard on the gate all night, 19:00 to 07:00.
        var guardShift = (
            await manager
                .PostJsonAsync(
                    "/api/v1/posts/shifts",
                    new
                    {
                        projectId = project,
                        name = "岗位表夜班",
                        starts = "19:00",
                        ends = "07:00",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await manager
            .PostJsonAsync(
                $"/api/v1/posts/{gate}/assignments",
                new
                {
                    guardShiftId = guardShift,
                    day = Today,
                    staffMemberId = await StaffTestKit.PersonAsync(_app, team, "岗位表轮值甲"),
                }
            )
            .OkAsync();

        // The roster takes the gate's first hours tonight, 19:00 to 23:00, with a guard who has an account.
        var rosteredStaff = await StaffTestKit.PersonAsync(_app, team, "岗位表排班乙");
        await StaffTestKit.ProjectUserAsync(
            _app,
            "board-guard",
            company,
            project,
            Wuye.Platform.Identity.Roles.SecurityGuard,
            rosteredStaff
        );
        var shift = await StaffTestKit.RosterShiftAsync(manager, project, "岗位表前夜班", "night", "19:00", "23:00");
        await StaffTestKit.RosterOnSecurityPostAsync(manager, project, team, "岗位表东门前夜", gate, shift, Today, rosteredStaff);

        // Safety tips in two slots of the night: one in the rostered hours, one after.
        var tip = (
            await manager
                .PostJsonAsync(
                    "/api/v1/safety-tips",
                    new
                    {
                        projectId = project,
                        title = "岗位表夜间提示",
                        body = "夜间注意核对进出车辆。",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var early = (
            await manager
                .PostJsonAsync($"/api/v1/safety-tips/{tip}/schedules", new { securityPostId = gate, slot = "20:00-21:00" })
                .OkAsync()
        )
            .GetProperty("id")
            .GetGuid();
        var late = (
            await manager
                .PostJsonAsync($"/api/v1/safety-tips/{tip}/schedules", new { securityPostId = gate, slot = "23:30-23:59" })
                .OkAsync()
        )
            .GetProperty("id")
            .GetGuid();

        // The board of the day: both in the night shift line, nobody on at 10:00.
        async Task<JsonElement> GateAsync() =>
            (await (await _app.As("manager")).GetJsonAsync($"/api/v1/posts/board?projectId={project}&date={Today:yyyy-MM-dd}"))
                .GetProperty("posts")
                .EnumerateArray()
                .Single(p => p.GetProperty("id").GetGuid() == gate);
        string[] OnNow(JsonElement post) => [.. post.GetProperty("onNow").EnumerateArray().Select(n => n.GetString()!)];
        var board = await GateAsync();
        var night = board.GetProperty("shifts").EnumerateArray().Single(x => x.GetProperty("name").GetString() == "岗位表夜班");
        Assert.Equal(
            ["岗位表排班乙", "岗位表轮值甲"],
            night.GetProperty("people").EnumerateArray().Select(x => x.GetProperty("name").GetString()).Order(StringComparer.Ordinal)
        );
        Assert.Empty(OnNow(board));

        // A token hidden in the morning is for the guard of the post's next duty: the rostered one, due when his hours end.
        var token = await manager
            .PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = gate, place = "东门岗亭消防栓后" })
            .OkAsync();
        Assert.Equal("岗位表排班乙", token.GetProperty("guardName").GetString());
        Assert.Equal(
            new DateTimeOffset(Today.ToDateTime(new TimeOnly(23, 0)), ChinaTime.Offset),
            token.GetProperty("dueAt").GetDateTimeOffset()
        );

        // 20:00: the rostered guard is on, gets the tip of the slot and finds the token.
        At(20, 0, 30);
        _app.ForgetTokens(); // signed at 10:00 on the moved clock
        Assert.Equal(["岗位表排班乙"], OnNow(await GateAsync()));
        var tips = _app.Services.GetRequiredService<SafetyTipJob>();
        await tips.RunOnceAsync();
        Task<string?> TippedAsync(Guid schedule) =>
            _app.DbAsync(db =>
                db.Set<SafetyTipDelivery>()
                    .Where(d => d.SafetyTipScheduleId == schedule && d.Day == Today)
                    .Select(d => d.GuardName)
                    .SingleAsync()
            );
        Assert.Equal("岗位表排班乙", await TippedAsync(early));
        var guard = await _app.As("board-guard", TestUsers.Password);
        await guard.PostJsonAsync("/api/v1/hidden-tokens/found", new { code = token.GetProperty("code").GetString() }).OkAsync();

        // 23:30: the roster's hours are over, the rota guard has the post again — the board, the tip and a new token say so.
        At(23, 30, 30);
        _app.ForgetTokens();
        Assert.Equal(["岗位表轮值甲"], OnNow(await GateAsync()));
        await tips.RunOnceAsync();
        Assert.Equal("岗位表轮值甲", await TippedAsync(late));
        var later = await (await _app.As("manager"))
            .PostJsonAsync("/api/v1/hidden-tokens", new { securityPostId = gate, place = "东门道闸控制箱下" })
            .OkAsync();
        Assert.Equal("岗位表轮值甲", later.GetProperty("guardName").GetString());
    }
}
