using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 培训记录 through the API: the project manager plans a session for two of his staff (bad input field by field, nothing written),
/// the trainee with an account is told and sees it on his to-do list with only his own line; results are refused before the
/// day and field by field, then counted (attended, passed at the pass mark, rating) and the manager's to-do line follows.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class TrainingTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(Clocks.Now());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private DateOnly Today => ChinaTime.Today(_app.Clock!);

    private static async Task<int> TaskCountAsync(HttpClient client, string home, string title)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(home));
        var m = System.Text.RegularExpressions.Regex.Match(
            html,
            $@"<span>{System.Text.RegularExpressions.Regex.Escape(title)}</span>.*?data-testid=""task-count""[^>]*>(\d+)<",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    [Fact]
    public async Task A_session_is_planned_told_and_its_results_counted()
    {
        var (project, tech, colleague, foreign) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var me = await db.StaffRefs().Where(s => s.UserId == user).FirstAsync();
            var other = await db.StaffRefs()
                .Where(s => s.TeamId == me.TeamId && s.Id != me.Id)
                .OrderBy(s => s.Name)
                .ThenBy(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync();
            var elsewhere = await db.StaffRefs()
                .Where(s => s.CompanyId == me.CompanyId && s.ProjectId != me.ProjectId)
                .OrderBy(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync();
            return (me.ProjectId!.Value, me.Id, other, elsewhere);
        });
        var pm = await _app.As("pm");
        var sessionsBefore = await _app.DbAsync(db => db.Set<TrainingSession>().CountAsync());

        var empty = await pm.PostJsonAsync("/api/v1/trainings", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var errors = (await empty.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "projectId", "title", "topic", "heldOn", "hours", "staffMemberIds" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        object Body(Guid[] trainees, decimal hours = 2m, int inDays = 0) =>
            new
            {
                projectId = project,
                title = inDays == 0 ? "配电房操作规程" : "高低压配电安全",
                topic = "professional",
                heldOn = Today.AddDays(inDays),
                hours,
                trainer = "工程部 李工",
                passMark = 70,
                staffMemberIds = trainees,
            };
        var outsider = await pm.PostJsonAsync("/api/v1/trainings", Body([tech, foreign]));
        Assert.Equal(["staffMemberIds"], (await outsider.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var tooLong = await pm.PostJsonAsync("/api/v1/trainings", Body([tech], hours: 41m));
        Assert.Equal(["hours"], (await tooLong.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(sessionsBefore, await _app.DbAsync(db => db.Set<TrainingSession>().CountAsync()));

        var techClient = await _app.As("tech");
        var upcomingBefore = await TaskCountAsync(techClient, "/home/technician", "即将参加的培训");
        var created = await pm.PostJsonAsync("/api/v1/trainings", Body([tech, colleague])).OkAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(2, created.GetProperty("enrolled").GetInt32());
        Assert.Equal(
            ["培训通知：配电房操作规程"],
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains("配电房操作规程"))
                    .Select(m => m.Title)
                    .ToListAsync()
            )
        );
        Assert.Equal(upcomingBefore + 1, await TaskCountAsync(techClient, "/home/technician", "即将参加的培训"));
        var seen = await techClient.GetJsonAsync($"/api/v1/trainings/{id}");
        Assert.Equal([tech], seen.GetProperty("trainees").EnumerateArray().Select(t => t.GetProperty("staffMemberId").GetGuid()));

        var awaitingBefore = await TaskCountAsync(pm, "/home/project", "待录入成绩的培训");
        var missing = await pm.PostJsonAsync(
            $"/api/v1/trainings/{id}/results",
            new
            {
                results = new object[]
                {
                    new
                    {
                        staffMemberId = tech,
                        attended = true,
                        score = 88,
                    },
                    new { staffMemberId = colleague, attended = true },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["results[1].score"], (await missing.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await _app.DbAsync(db => db.Set<TrainingAttendance>().CountAsync(a => a.SessionId == id && a.Attended != null)));

        var done = await pm.PostJsonAsync(
                $"/api/v1/trainings/{id}/results",
                new
                {
                    results = new object[]
                    {
                        new
                        {
                            staffMemberId = tech,
                            attended = true,
                            score = 70,
                            rating = 5,
                        },
                        new
                        {
                            staffMemberId = colleague,
                            attended = true,
                            score = 69.5,
                            rating = 4,
                        },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(
            (2, 1, 0, 4.5),
            (
                done.GetProperty("attended").GetInt32(),
                done.GetProperty("passed").GetInt32(),
                done.GetProperty("awaitingResults").GetInt32(),
                done.GetProperty("averageRating").GetDouble()
            )
        );
        Assert.Equal(awaitingBefore - 1, await TaskCountAsync(pm, "/home/project", "待录入成绩的培训"));

        // Next week's session takes no results yet.
        var later = await pm.PostJsonAsync("/api/v1/trainings", Body([tech], inDays: 7)).OkAsync();
        var early = await pm.PostJsonAsync(
            $"/api/v1/trainings/{later.GetProperty("id").GetGuid()}/results",
            new { results = new object[] { new { staffMemberId = tech, attended = false } } }
        );
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("training.not_held_yet", (await early.JsonAsync()).GetProperty("code").GetString());
    }
}
