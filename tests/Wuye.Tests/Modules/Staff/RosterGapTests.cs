using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 缺岗 on a fixture project, at 10:00 China time today, over the default three days: a certified electrician's post staffed on
/// a day shift — rostered today (no gap), nobody tomorrow (a gap), the electrician the day after, whose certificate is then
/// found to have lapsed the day before (a gap naming him). The gaps are read through the API and on the roster page, the
/// project manager is told once (outbox) and has the to-do line; two days on, the days that came into the window are told.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class RosterGapTests(SharedApp shared) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = StaffTestKit.TodayAt(10);
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Task<int> TaskCountAsync(HttpClient client, string titleStart) =>
        StaffTestKit.TaskCountAsync(client, "/home/project", titleStart);

    [Fact]
    public async Task Gaps_of_the_coming_days_reach_the_manager_once_and_a_lapsed_certificate_makes_its_entry_a_gap()
    {
        var today = ChinaTime.Today(_clock);
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "缺岗核查花园", "缺岗工程班");
        var sparky = await StaffTestKit.PersonAsync(_app, team, "缺岗电工甲");
        var pmUser = await StaffTestKit.ProjectUserAsync(_app, "gap-pm", company, project, Roles.ProjectManager);
        var pm = await _app.As("gap-pm", TestUsers.Password);
        var waiting = await TaskCountAsync(pm, "未来 3 天排班缺岗");

        var shift = await StaffTestKit.RosterShiftAsync(manager, project, "缺岗白班", "day", "08:00", "17:00");
        var foreignShift = await _app.DbAsync(db =>
            db.Set<RosterShift>().Where(s => s.ProjectId != project).Select(s => s.Id).FirstAsync()
        );
        var bad = await manager.PostJsonAsync(
            "/api/v1/rosters/posts",
            new
            {
                projectId = project,
                name = "缺岗电工岗",
                requiredCertificate = "electrician",
                staffedShiftIds = new[] { foreignShift },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["staffedShiftIds"], (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, await _app.DbAsync(db => db.Set<RosterPost>().CountAsync(p => p.ProjectId == project)));
        var post = (
            await manager
                .PostJsonAsync(
                    "/api/v1/rosters/posts",
                    new
                    {
                        projectId = project,
                        name = "缺岗电工岗",
                        requiredCertificate = "electrician",
                        staffedShiftIds = new[] { shift },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var certificate = (
            await manager
                .PostJsonAsync(
                    "/api/v1/certificates",
                    new
                    {
                        staffMemberId = sparky,
                        kind = "electrician",
                        number = "T-GAP-1",
                        issuedOn = today.AddYears(-2),
                        expiresOn = today.AddYears(1),
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        foreach (var inDays in new[] { 0, 2 })
            await manager
                .PostJsonAsync(
                    "/api/v1/rosters",
                    new
                    {
                        postId = post,
                        shiftId = shift,
                        day = today.AddDays(inDays),
                        staffMemberId = sparky,
                    }
                )
                .OkAsync();
        var later = (
            await manager.GetJsonAsync(
                $"/api/v1/rosters?projectId={project}&from={today.AddDays(2):yyyy-MM-dd}&to={today.AddDays(2):yyyy-MM-dd}"
            )
        )[0]
            .GetProperty("id")
            .GetGuid();
        // The certificate is found to have lapsed yesterday-after-tomorrow (a corrected expiry): his entry that day is a gap.
        await _app.DbAsync(db =>
            db.Set<Certificate>().Where(c => c.Id == certificate).ExecuteUpdateAsync(u => u.SetProperty(c => c.ExpiresOn, today.AddDays(1)))
        );

        var gaps = (await pm.GetJsonAsync($"/api/v1/rosters/gaps?projectId={project}")).EnumerateArray().ToList();
        Assert.Equal(
            new (DateOnly, string?, Guid?)[] { (today.AddDays(1), "empty", null), (today.AddDays(2), "certificateLapsed", later) },
            gaps.Select(g =>
                (
                    DateOnly.Parse(g.GetProperty("day").GetString()!),
                    g.GetProperty("reason").GetString(),
                    g.GetProperty("entryId").ValueKind == System.Text.Json.JsonValueKind.Null
                        ? null
                        : (Guid?)g.GetProperty("entryId").GetGuid()
                )
            )
        );
        Assert.Equal("缺岗电工甲", gaps[1].GetProperty("staffName").GetString());
        Assert.Equal(waiting + 2, await TaskCountAsync(pm, "未来 3 天排班缺岗"));
        var page = WebUtility.HtmlDecode(await pm.GetStringAsync($"/staff/rosters?projectId={project}&week={today.AddDays(2):yyyy-MM-dd}"));
        Assert.Equal(2, Regex.Matches(page, "data-testid=\"gap\"").Count);
        Assert.Contains("data-testid=\"entry-gap\">证书已过期<", page);

        // The job tells the manager once; the next run tells nothing again.
        var job = () => _app.Services.GetRequiredService<RosterGapJob>().RunOnceAsync();
        await job();
        Task<int> ToldAsync() => _app.DbAsync(db => db.Set<RosterGapNotice>().CountAsync(n => n.PostId == post));
        Assert.Equal(2, await ToldAsync());
        Task<List<string>> MessagesAsync() =>
            _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .Where(m => m.RecipientUserId == pmUser && m.Channel == NotificationChannel.InApp && m.Title.StartsWith("缺岗核查花园"))
                    .OrderBy(m => m.CreatedAt)
                    .Select(m => m.Title)
                    .ToListAsync()
            );
        Assert.Equal(["缺岗核查花园：排班有 2 处缺岗"], await MessagesAsync());
        Assert.Equal(0, await job());
        Assert.Equal(2, await ToldAsync());

        // Two days on: the two days that came into the window (nobody rostered) are told; the lapsed one is not told twice.
        _clock.Advance(TimeSpan.FromDays(2));
        await job();
        Assert.Equal(4, await ToldAsync());
        Assert.Equal(["缺岗核查花园：排班有 2 处缺岗", "缺岗核查花园：排班有 2 处缺岗"], await MessagesAsync());
    }
}
