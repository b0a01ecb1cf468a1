using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>
/// The tests share one app. Only the ranking test's teams are in the demo project 锦绣花园 (its leaders are the demo
/// technician and guard); the others rank teams in projects of their own, since a project's ranking takes in every team.
/// </summary>
public sealed class TeamMutualCheckTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = Clocks.Now();
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<Guid> NewProjectAsync(string name) => WorkOrderTestKit.NewProjectAsync(_app, name);

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private async Task<Guid> TeamAsync(HttpClient pm, string name, string? leader = null, Guid? project = null)
    {
        Guid? leaderId = leader is null
            ? null
            : await _app.DbAsync(db => db.Users.Where(u => u.UserName == leader).Select(u => u.Id).FirstAsync());
        return (
            await pm.PostJsonAsync(
                    "/api/v1/team-mutual-checks/teams",
                    new
                    {
                        projectId = project ?? _project,
                        name,
                        leaderUserId = leaderId,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> CheckAsync(
        HttpClient c,
        Guid checking,
        Guid checkedTeam,
        DateOnly on,
        decimal points = 0,
        string? problems = null,
        DateOnly? fixDeadline = null
    ) =>
        c.PostJsonAsync(
            "/api/v1/team-mutual-checks",
            new
            {
                checkingTeamId = checking,
                checkedTeamId = checkedTeam,
                checkedOn = on,
                method = "夜间查岗",
                problems,
                deductedPoints = points,
                fixDeadline,
            }
        );

    [Fact]
    public async Task A_team_cannot_check_itself_and_checks_another_team_once_a_week()
    {
        var project = await NewProjectAsync("互查一号苑");
        var pm = await _app.As("inspector");
        var a = await TeamAsync(pm, "保安一班", project: project);
        var b = await TeamAsync(pm, "保安二班", project: project);
        Assert.Equal(
            "team_mutual_check.self_check",
            (await (await CheckAsync(pm, a, a, Today)).JsonAsync()).GetProperty("code").GetString()
        );
        await CheckAsync(pm, a, b, Today).OkAsync();
        var again = await CheckAsync(pm, a, b, Today);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("team_mutual_check.already_this_week", (await again.JsonAsync()).GetProperty("code").GetString());
        await CheckAsync(pm, b, a, Today).OkAsync(); // the other direction is its own check
    }

    [Fact]
    public async Task Problems_need_a_fix_deadline_that_is_not_in_the_past()
    {
        var project = await NewProjectAsync("互查二号苑");
        var pm = await _app.As("inspector");
        var a = await TeamAsync(pm, "保洁一班", project: project);
        var b = await TeamAsync(pm, "保洁二班", project: project);
        var none = await CheckAsync(pm, a, b, Today, 2, "交接班记录缺失");
        Assert.True((await none.JsonAsync()).GetProperty("errors").TryGetProperty("fixDeadline", out _));
        var past = await CheckAsync(pm, a, b, Today, 2, "交接班记录缺失", Today.AddDays(-1));
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("fixDeadline", out _));
    }

    [Fact]
    public async Task The_month_flag_goes_to_the_least_deducted_team_and_the_quarter_rewards_first_and_penalises_last_leaders()
    {
        var pm = await _app.As("pm");
        var red = await TeamAsync(pm, "工程一班", "tech");
        var mid = await TeamAsync(pm, "工程二班");
        var last = await TeamAsync(pm, "工程三班", "guard");
        await CheckAsync(pm, mid, red, Today, 1, "工具未归位", Today.AddDays(2)).OkAsync();
        await CheckAsync(pm, red, mid, Today, 3, "巡检表漏填", Today.AddDays(2)).OkAsync();
        var lateCheck = (await CheckAsync(pm, red, last, Today, 3, "夜间脱岗", Today.AddDays(1)).OkAsync()).GetProperty("id").GetGuid();

        // 工程三班 submits its measures after the deadline: the tie with 工程二班 (both -3) goes against it.
        _clock.Advance(TimeSpan.FromDays(2));
        _app.ForgetTokens();
        pm = await _app.As("pm");
        var late = await pm.PostJsonAsync($"/api/v1/team-mutual-checks/{lateCheck}/measures", new { measures = "加强夜间查岗" }).OkAsync();
        Assert.True(late.GetProperty("late").GetBoolean());

        // The checked team's own leader may not verify; the project manager may.
        var guard = await _app.As("guard");
        var self = await guard.PostJsonAsync($"/api/v1/team-mutual-checks/{lateCheck}/verify", new { });
        Assert.Equal("team_mutual_check.verifier_is_checked_leader", (await self.JsonAsync()).GetProperty("code").GetString());
        await pm.PostJsonAsync($"/api/v1/team-mutual-checks/{lateCheck}/verify", new { }).OkAsync();

        var month = Today.AddDays(-2).ToString("yyyy-MM");
        var ranking = (await pm.GetJsonAsync($"/api/v1/team-mutual-checks/ranking?projectId={_project}&month={month}"))
            .EnumerateArray()
            .Where(r => r.GetProperty("checksReceived").GetInt32() > 0)
            .ToList();
        var byName = ranking.ToDictionary(r => r.GetProperty("team").GetString()!);
        Assert.True(byName["工程一班"].GetProperty("redFlag").GetBoolean());
        Assert.Equal(99m, byName["工程一班"].GetProperty("score").GetDecimal());
        Assert.Equal(2, byName["工程二班"].GetProperty("rank").GetInt32());
        Assert.Equal(3, byName["工程三班"].GetProperty("rank").GetInt32());
        Assert.Equal(1, byName["工程三班"].GetProperty("lateFixes").GetInt32());
        Assert.False(byName["工程三班"].GetProperty("redFlag").GetBoolean());

        var checkedOn = Today.AddDays(-2);
        var quarter = (checkedOn.Month - 1) / 3 + 1;
        var report = await pm.GetJsonAsync(
            $"/api/v1/team-mutual-checks/leader-points?projectId={_project}&year={checkedOn.Year}&quarter={quarter}"
        );
        var points = report
            .GetProperty("leaderPoints")
            .EnumerateArray()
            .ToDictionary(p => p.GetProperty("team").GetString()!, p => p.GetProperty("points").GetDecimal());
        Assert.Equal(2m, points["工程一班"]);
        Assert.Equal(-2m, points["工程三班"]);
        Assert.False(points.ContainsKey("工程二班"));
    }

    [Fact]
    public async Task Without_a_project_each_project_ranks_its_own_teams_and_holds_its_own_red_flag()
    {
        var inspector = await _app.As("inspector");
        var first = await NewProjectAsync("滨江贰号");
        var other = await NewProjectAsync("滨江壹号");
        async Task<Guid> Team(Guid project, string name) =>
            (await inspector.PostJsonAsync("/api/v1/team-mutual-checks/teams", new { projectId = project, name }).OkAsync())
                .GetProperty("id")
                .GetGuid();
        var a1 = await Team(first, "甲一班");
        var a2 = await Team(first, "甲二班");
        var b1 = await Team(other, "乙一班");
        var b2 = await Team(other, "乙二班");
        await CheckAsync(inspector, a2, a1, Today, 1, "记录不全", Today).OkAsync();
        await CheckAsync(inspector, a1, a2, Today, 5, "脱岗", Today).OkAsync();
        await CheckAsync(inspector, b1, b2, Today, 2, "着装不整", Today).OkAsync();
        await CheckAsync(inspector, b2, b1, Today, 4, "漏巡", Today).OkAsync();

        // The company-wide view: 甲一班 (99) and 乙二班 (98) each lead their own project; 98 does not lose to another project's 99.
        var ranking = (await inspector.GetJsonAsync($"/api/v1/team-mutual-checks/ranking?month={Today:yyyy-MM}"))
            .EnumerateArray()
            .ToDictionary(r => r.GetProperty("teamId").GetGuid());
        Assert.True(ranking[a1].GetProperty("redFlag").GetBoolean());
        Assert.True(ranking[b2].GetProperty("redFlag").GetBoolean());
        Assert.Equal(1, ranking[b2].GetProperty("rank").GetInt32());
        Assert.Equal(2, ranking[a2].GetProperty("rank").GetInt32());
        Assert.Equal(2, ranking[b1].GetProperty("rank").GetInt32());
        Assert.Equal(other, ranking[b2].GetProperty("projectId").GetGuid());

        var quarter = (Today.Month - 1) / 3 + 1;
        var points = (await inspector.GetJsonAsync($"/api/v1/team-mutual-checks/leader-points?year={Today.Year}&quarter={quarter}"))
            .GetProperty("leaderPoints")
            .EnumerateArray()
            .ToDictionary(p => p.GetProperty("teamId").GetGuid(), p => p.GetProperty("points").GetDecimal());
        Assert.Equal(2m, points[a1]);
        Assert.Equal(-2m, points[a2]);
        Assert.Equal(2m, points[b2]);
        Assert.Equal(-2m, points[b1]);
    }
}
