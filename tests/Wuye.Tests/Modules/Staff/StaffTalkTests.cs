using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 员工座谈档案 through the API, on one app with a movable clock, on a project of its own: its project manager (a user of the
/// test's) records a talk (bad input field by field, nothing written; a person of a project he does not keep refused), the
/// quota progress and his to-do lines follow the record, the issue is followed up once; front-line staff may not read the
/// archive. Then the clock moves to a quarter's last month: nothing before the reminder day, and from it the manager is told
/// once that the month's talks and the quarter's staff are behind.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class StaffTalkTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private readonly FakeTimeProvider _clock = Clocks.Now();

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DateOnly Today => ChinaTime.Today(_clock);

    private static async Task<int> TaskCountAsync(HttpClient client, string titleStart)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/home/project"));
        var m = Regex.Match(
            html,
            $@"<span>{Regex.Escape(titleStart)}[^<]*</span>.*?data-testid=""task-count""[^>]*>(\d+)<",
            RegexOptions.Singleline
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    [Fact]
    public async Task A_talk_is_recorded_followed_up_counted_against_the_quota_and_a_short_quota_reminded()
    {
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "座谈档案花园", "座谈工程班");
        var member = (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name = "座谈维修工" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var foreign = await _app.DbAsync(db =>
            db.StaffRefs()
                .Where(s => s.ProjectId != null && s.ProjectId != project && s.ArchivedAt == null)
                .OrderBy(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync()
        );
        var pmUser = await _app.CreateUserAsync(
            "talk-pm",
            company,
            new RoleAssignment
            {
                Role = Roles.ProjectManager,
                CompanyId = company,
                ProjectId = project,
            }
        );
        var pm = await _app.As("talk-pm", TestUsers.Password);
        Task<int> CountAsync() => _app.DbAsync(db => db.Set<StaffTalk>().CountAsync());
        var before = await CountAsync();

        var empty = await pm.PostJsonAsync("/api/v1/staff-talks", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(
            ["heldOn", "staffMemberId", "topic"],
            (await empty.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()
        );
        object Body(Guid who, int inDays = 0, string topic = "工作安排与岗位职责", string? issue = null) =>
            new
            {
                staffMemberId = who,
                heldOn = Today.AddDays(inDays),
                topic,
                notes = "了解夜班情况",
                issue,
            };
        foreach (
            var (body, field) in new[]
            {
                (Body(member, inDays: 1), "heldOn"),
                (Body(member, topic: new string('话', 101)), "topic"),
                (Body(foreign), "staffMemberId"),
            }
        )
        {
            var bad = await pm.PostJsonAsync("/api/v1/staff-talks", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal([field], (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        }
        Assert.Equal(before, await CountAsync());

        var progress = await pm.GetJsonAsync($"/api/v1/staff-talks/progress?projectId={project}");
        var row = progress.EnumerateArray().Single();
        var (monthTalks, openIssues) = (row.GetProperty("monthTalks").GetInt32(), row.GetProperty("openIssues").GetInt32());
        Assert.Equal(10, row.GetProperty("monthQuota").GetInt32());
        var shortBefore = await TaskCountAsync(pm, "本月员工座谈");
        var openBefore = await TaskCountAsync(pm, "座谈问题待跟进");

        var created = await pm.PostJsonAsync("/api/v1/staff-talks", Body(member, issue: "夜班巡逻手电不够亮")).OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.True(created.GetProperty("open").GetBoolean());
        Assert.Equal(project, created.GetProperty("projectId").GetGuid());
        row = (await pm.GetJsonAsync($"/api/v1/staff-talks/progress?projectId={project}")).EnumerateArray().Single();
        Assert.Equal(
            (monthTalks + 1, openIssues + 1),
            (row.GetProperty("monthTalks").GetInt32(), row.GetProperty("openIssues").GetInt32())
        );
        Assert.Equal(Math.Max(0, shortBefore - 1), await TaskCountAsync(pm, "本月员工座谈"));
        Assert.Equal(openBefore + 1, await TaskCountAsync(pm, "座谈问题待跟进"));
        var open = await pm.GetJsonAsync($"/api/v1/staff-talks?projectId={project}&open=true&pageSize=100");
        Assert.Contains(id, open.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.BadRequest, (await pm.GetAsync("/api/v1/staff-talks?month=2026-13")).StatusCode);

        var blank = await pm.PostJsonAsync($"/api/v1/staff-talks/{id}/follow-up", new { followUp = " " });
        Assert.Equal(["followUp"], (await blank.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var closed = await pm.PostJsonAsync($"/api/v1/staff-talks/{id}/follow-up", new { followUp = "已申领强光手电 4 支" }).OkAsync();
        Assert.False(closed.GetProperty("open").GetBoolean());
        Assert.Equal(Today, DateOnly.Parse(closed.GetProperty("followedUpOn").GetString()!));
        var again = await pm.PostJsonAsync($"/api/v1/staff-talks/{id}/follow-up", new { followUp = "再次跟进" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("talk.followed_up", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(openBefore, await TaskCountAsync(pm, "座谈问题待跟进"));

        var tech = await _app.As("tech");
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/api/v1/staff-talks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.GetAsync("/staff/talks")).StatusCode);

        // A quarter's last month after this one: no talks there yet.
        var month = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1);
        while (month.Month % 3 != 0)
            month = month.AddMonths(1);
        void MoveTo(DateOnly day) =>
            _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset).ToUniversalTime());
        var job = () => _app.Services.GetRequiredService<TalkQuotaJob>().RunOnceAsync();
        var monthKey = TalkQuotaJob.Key(project, month, false);
        var quarterKey = TalkQuotaJob.Key(project, StaffTalk.QuarterOf(month), true);
        Task<List<string>> TitlesAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .Where(m =>
                        m.RecipientUserId == pmUser
                        && m.Channel == NotificationChannel.InApp
                        && (m.DedupeKey!.StartsWith(monthKey) || m.DedupeKey!.StartsWith(quarterKey))
                    )
                    .OrderBy(m => m.Title)
                    .Select(m => m.Title)
                    .ToListAsync()
            );
        MoveTo(month.AddDays(18));
        Assert.Equal(0, await job());
        Assert.Empty(await TitlesAsync());
        MoveTo(month.AddDays(19));
        Assert.True(await job() > 0);
        var titles = await TitlesAsync();
        Assert.Equal(2, titles.Count);
        Assert.Contains(titles, t => t.EndsWith("本月员工座谈尚差 10 次"));
        Assert.Contains(titles, t => t.Contains("本季度尚有") && t.EndsWith("名员工未座谈"));
        await job();
        MoveTo(month.AddDays(25));
        await job();
        Assert.Equal(titles, await TitlesAsync());
    }
}
