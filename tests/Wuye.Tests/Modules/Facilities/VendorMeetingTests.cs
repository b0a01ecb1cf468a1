using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Facilities;

/// <summary>
/// The vendors' monthly meeting through the API (000#18): bad input answered field by field (an action's fields by its row), one
/// meeting per project and month, an action past its due day on its owner's home to-do list and the vendor's scorecard until its
/// owner closes it with a note, once; only managers record meetings.
/// </summary>
[Collection(nameof(FacilitiesApiCollection))]
public sealed class VendorMeetingTests
{
    private readonly FakeTimeProvider _clock;
    private readonly WuyeApp _app;

    public VendorMeetingTests(SharedApp shared)
    {
        _clock = Clocks.Now();
        _app = shared.Use(_clock);
    }

    private static void Fields(JsonElement problem, params string[] fields)
    {
        var errors = problem.GetProperty("errors");
        foreach (var f in fields)
            Assert.True(errors.TryGetProperty(f, out _), $"no error on {f}: {problem}");
    }

    private static async Task<int> HomeCountAsync(HttpClient client)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/home/technician"));
        var m = System.Text.RegularExpressions.Regex.Match(
            html,
            @"<span>逾期未完成的外包例会措施</span>.*?data-testid=""task-count""[^>]*>(\d+)<",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    private static async Task<(int Open, int Overdue)> ActionsOnCardAsync(HttpClient client, Guid vendor, DateOnly today)
    {
        var cards = await client.GetJsonAsync($"/api/v1/vendor-scorecards?month={today:yyyy-MM}");
        var card = cards.EnumerateArray().Single(c => c.GetProperty("vendorId").GetGuid() == vendor);
        return (card.GetProperty("openActions").GetInt32(), card.GetProperty("overdueActions").GetInt32());
    }

    [Fact]
    public async Task A_months_meeting_is_recorded_once_and_its_overdue_action_followed_until_its_owner_closes_it()
    {
        var (project, tech, steward, vendors) = await _app.DbAsync(async db =>
        {
            var steward = await db.Users.Where(u => u.UserName == "steward").Select(u => u.Id).FirstAsync();
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward).OrderBy(z => z.Id).FirstAsync();
            var vendors = await db.VendorRefs()
                .Where(v => v.CompanyId == zone.CompanyId && v.ArchivedAt == null)
                .OrderBy(v => v.Id)
                .Select(v => v.Id)
                .Take(2)
                .ToListAsync();
            return (zone.ProjectId, tech, steward, vendors);
        });
        var today = ChinaTime.Today(_clock);
        var pm = await _app.As("pm");
        var bad = await pm.PostJsonAsync("/api/v1/vendor-meetings", new { projectId = project, actions = new[] { new { what = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Fields(
            await bad.JsonAsync(),
            "heldOn",
            "vendorIds",
            "actions[0].vendorId",
            "actions[0].what",
            "actions[0].ownerUserId",
            "actions[0].dueOn"
        );
        // A vendor not present, an owner who does not work at the project's level (a zone's steward), a due date before the meeting.
        var wrong = await pm.PostJsonAsync(
            "/api/v1/vendor-meetings",
            new
            {
                projectId = project,
                heldOn = today,
                vendorIds = new[] { vendors[0] },
                actions = new[]
                {
                    new
                    {
                        vendorId = vendors[1],
                        what = "补人",
                        ownerUserId = steward,
                        dueOn = today.AddDays(-1),
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Fields(await wrong.JsonAsync(), "actions[0].vendorId", "actions[0].ownerUserId", "actions[0].dueOn");
        var tooEarly = await pm.PostJsonAsync(
            "/api/v1/vendor-meetings",
            new
            {
                projectId = project,
                heldOn = today.AddDays(1),
                vendorIds = vendors,
            }
        );
        Fields(await tooEarly.JsonAsync(), "heldOn");
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("tech")).PostJsonAsync("/api/v1/vendor-meetings", new { projectId = project })).StatusCode
        );

        var meeting = await pm.PostJsonAsync(
                "/api/v1/vendor-meetings",
                new
                {
                    projectId = project,
                    heldOn = today,
                    vendorIds = vendors,
                    minutes = "测试例会",
                    actions = new[]
                    {
                        new
                        {
                            vendorId = vendors[0],
                            what = "测试措施：楼道补拖",
                            ownerUserId = tech,
                            dueOn = today.AddDays(1),
                        },
                    },
                }
            )
            .OkAsync();
        Assert.Equal($"{today:yyyy-MM}", meeting.GetProperty("month").GetString());
        Assert.Equal(2, meeting.GetProperty("vendors").GetArrayLength());
        var action = meeting.GetProperty("actions")[0];
        var actionId = action.GetProperty("id").GetGuid();
        Assert.False(action.GetProperty("overdue").GetBoolean());
        var again = await pm.PostJsonAsync(
            "/api/v1/vendor-meetings",
            new
            {
                projectId = project,
                heldOn = today,
                vendorIds = vendors,
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Fields(await again.JsonAsync(), "heldOn");
        var listed = await pm.GetJsonAsync($"/api/v1/vendor-meetings?projectId={project}&month={today:yyyy-MM}");
        Assert.Equal(meeting.GetProperty("id").GetGuid(), Assert.Single(listed.EnumerateArray()).GetProperty("id").GetGuid());
        var added = await pm.PostJsonAsync(
                $"/api/v1/vendor-meetings/{meeting.GetProperty("id").GetGuid()}/actions",
                new
                {
                    vendorId = vendors[1],
                    what = "测试措施：补种",
                    ownerUserId = tech,
                    dueOn = today.AddDays(20),
                }
            )
            .OkAsync();
        Assert.Equal("测试措施：补种", added.GetProperty("what").GetString());

        // Two days on, the first action is past its due day: on the technician's home list and on the vendor's scorecard.
        var (open, overdue) = await ActionsOnCardAsync(pm, vendors[0], today);
        _clock.Advance(TimeSpan.FromDays(2));
        _app.ForgetTokens();
        pm = await _app.As("pm");
        var techClient = await _app.As("tech");
        var late = await HomeCountAsync(techClient);
        Assert.True(late >= 1);
        var (openLater, overdueLater) = await ActionsOnCardAsync(pm, vendors[0], ChinaTime.Today(_clock));
        Assert.Equal(open, openLater);
        Assert.Equal(overdue + 1, overdueLater);
        var mine = await techClient.GetJsonAsync($"/api/v1/vendor-meeting-actions?ownerUserId={tech}&open=true");
        Assert.True(mine.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == actionId).GetProperty("overdue").GetBoolean());

        var noNote = await techClient.PostJsonAsync($"/api/v1/vendor-meeting-actions/{actionId}/done", new { note = " " });
        Fields(await noNote.JsonAsync(), "note");
        var done = await techClient
            .PostJsonAsync($"/api/v1/vendor-meeting-actions/{actionId}/done", new { note = "已安排两人补拖" })
            .OkAsync();
        Assert.Equal("已安排两人补拖", done.GetProperty("doneNote").GetString());
        Assert.False(done.GetProperty("overdue").GetBoolean());
        Assert.Equal(late - 1, await HomeCountAsync(techClient));
        Assert.Equal((open - 1, overdue), await ActionsOnCardAsync(pm, vendors[0], ChinaTime.Today(_clock)));
        var twice = await pm.PostJsonAsync($"/api/v1/vendor-meeting-actions/{actionId}/done", new { note = "再次" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}
