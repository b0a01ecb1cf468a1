using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 排班 through the API on one app, at 10:00 China time today: the project manager defines a shift and two posts (one needing an
/// electrician's certificate) — bad input field by field, nothing written; a person without a valid certificate on the day is
/// refused on that post (also once a certificate recorded for him has lapsed), a double booking is a conflict; the technician
/// rostered on a shift covering now is on duty (the contract) and listed first among the dispatch choices; a leave request
/// reaches the manager (notification, to-do line), its approval takes the technician off the shift and bars him that day; a
/// swap is asked, reaches the manager and its approval exchanges the two people.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class RosterTests(SharedApp shared) : IAsyncLifetime
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

    private static Task<int> TaskCountAsync(HttpClient client, string titleStart) =>
        StaffTestKit.TaskCountAsync(client, "/home/project", titleStart);

    private static string[] Fields(System.Text.Json.JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()];

    [Fact]
    public async Task A_manager_rosters_by_certificate_and_decides_leave_and_swaps_and_dispatch_sees_who_is_on_duty()
    {
        var (pmUser, techUser, project, techStaff, other) = await _app.DbAsync(async db =>
        {
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            var ts = await db.StaffRefs().Where(s => s.UserId == tech && s.ArchivedAt == null).OrderBy(s => s.Id).FirstAsync();
            var certified = db.Set<Certificate>().Where(c => c.Kind == CertificateKind.Electrician).Select(c => c.StaffMemberId);
            var o = await db.StaffRefs()
                .Where(s => s.ProjectId == ts.ProjectId && s.UserId == null && s.ArchivedAt == null && !certified.Contains(s.Id))
                .OrderBy(s => s.Name)
                .ThenBy(s => s.Id)
                .Select(s => s.Id)
                .FirstAsync();
            // The demo roster's shifts of these two people (made with the real clock) would overlap the test's own.
            await db.Set<RosterEntry>().Where(e => e.StaffMemberId == ts.Id || e.StaffMemberId == o).ExecuteDeleteAsync();
            return (pm, tech, ts.ProjectId!.Value, ts.Id, o);
        });
        var pm = await _app.As("pm");
        var tech = await _app.As("tech");
        Task<int> EntriesAsync() => _app.DbAsync(db => db.Set<RosterEntry>().CountAsync());

        // Setup, with bad input answered field by field.
        var emptyShift = await pm.PostJsonAsync("/api/v1/rosters/shifts", new { });
        Assert.Equal(HttpStatusCode.BadRequest, emptyShift.StatusCode);
        Assert.Equal(["ends", "kind", "name", "projectId", "starts"], Fields(await emptyShift.JsonAsync()));
        var now = ChinaTime.Now(_clock);
        var shift = await pm.PostJsonAsync(
                "/api/v1/rosters/shifts",
                new
                {
                    projectId = project,
                    name = "测试弹性班",
                    kind = "flexible",
                    starts = "09:00",
                    ends = "13:00",
                }
            )
            .OkAsync();
        var shiftId = shift.GetProperty("id").GetGuid();
        var electricPost = (
            await pm.PostJsonAsync(
                    "/api/v1/rosters/posts",
                    new
                    {
                        projectId = project,
                        name = "测试电工值班",
                        requiredCertificate = "electrician",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var plainPost = (await pm.PostJsonAsync("/api/v1/rosters/posts", new { projectId = project, name = "测试巡检岗" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var before = await EntriesAsync();
        var emptyEntry = await pm.PostJsonAsync("/api/v1/rosters", new { });
        Assert.Equal(["day", "postId", "shiftId", "staffMemberId"], Fields(await emptyEntry.JsonAsync()));
        object Entry(Guid post, Guid who, int inDays) =>
            new
            {
                postId = post,
                shiftId,
                day = Today.AddDays(inDays),
                staffMemberId = who,
            };
        foreach (var (body, field) in new[] { (Entry(electricPost, other, 1), "staffMemberId"), (Entry(plainPost, other, -1), "day") })
        {
            var bad = await pm.PostJsonAsync("/api/v1/rosters", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal([field], Fields(await bad.JsonAsync()));
        }
        Assert.Equal(before, await EntriesAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await tech.PostJsonAsync("/api/v1/rosters", Entry(plainPost, techStaff, 1))).StatusCode);

        // A certificate recorded for the other person, lapsing in three days: rostered before, refused after.
        await pm.PostJsonAsync(
                "/api/v1/certificates",
                new
                {
                    staffMemberId = other,
                    kind = "electrician",
                    number = "T-ROSTER-1",
                    issuer = "应急管理局",
                    issuedOn = Today.AddYears(-6).AddDays(3),
                    expiresOn = Today.AddDays(3),
                }
            )
            .OkAsync();
        var otherEntry = (await pm.PostJsonAsync("/api/v1/rosters", Entry(electricPost, other, 1)).OkAsync()).GetProperty("id").GetGuid();
        var lapsed = await pm.PostJsonAsync("/api/v1/rosters", Entry(electricPost, other, 5));
        Assert.Equal(["staffMemberId"], Fields(await lapsed.JsonAsync()));
        var twice = await pm.PostJsonAsync("/api/v1/rosters", Entry(plainPost, other, 1));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("roster.double_booked", (await twice.JsonAsync()).GetProperty("code").GetString());

        // On duty now: the technician on today's shift (09:00–13:00), first among the dispatch choices; he sees it as his.
        var today = await pm.PostJsonAsync("/api/v1/rosters", Entry(plainPost, techStaff, 0)).OkAsync();
        Assert.Equal("09:00-13:00", today.GetProperty("hours").GetString());
        var onDuty = await pm.GetJsonAsync($"/api/v1/rosters/on-duty?projectId={project}");
        Assert.Contains(onDuty.EnumerateArray(), d => d.GetProperty("userId").GetGuid() == techUser);
        var choices = await (await _app.As("service")).GetJsonAsync($"/api/v1/work-orders/technicians?projectId={project}");
        Assert.Equal(techUser, choices[0].GetProperty("id").GetGuid());
        Assert.True(choices[0].GetProperty("onDuty").GetBoolean());
        Assert.Contains((await tech.GetJsonAsync("/api/v1/rosters/mine")).EnumerateArray(), e =>
            e.GetProperty("id").GetGuid() == today.GetProperty("id").GetGuid()
        );
        var at = now.AddHours(4).ToUniversalTime().ToString("O");
        Assert.DoesNotContain(
            (await pm.GetJsonAsync($"/api/v1/rosters/on-duty?projectId={project}&at={Uri.EscapeDataString(at)}")).EnumerateArray(),
            d => d.GetProperty("userId").ValueKind != System.Text.Json.JsonValueKind.Null && d.GetProperty("userId").GetGuid() == techUser
        );

        // Leave: asked by the technician, waiting on the manager's home, approved: off the shift and barred that day.
        var techEntry = (await pm.PostJsonAsync("/api/v1/rosters", Entry(plainPost, techStaff, 2)).OkAsync()).GetProperty("id").GetGuid();
        var emptyLeave = await tech.PostJsonAsync("/api/v1/rosters/leaves", new { });
        Assert.Equal(["fromDay", "reason", "toDay"], Fields(await emptyLeave.JsonAsync()));
        var backwards = await tech.PostJsonAsync(
            "/api/v1/rosters/leaves",
            new
            {
                fromDay = Today.AddDays(3),
                toDay = Today.AddDays(2),
                reason = "事假",
            }
        );
        Assert.Equal(["toDay"], Fields(await backwards.JsonAsync()));
        var waiting = await TaskCountAsync(pm, "待审批的请假");
        var leave = await tech.PostJsonAsync(
                "/api/v1/rosters/leaves",
                new
                {
                    projectId = project,
                    fromDay = Today.AddDays(2),
                    toDay = Today.AddDays(2),
                    reason = "孩子开家长会",
                }
            )
            .OkAsync();
        var leaveId = leave.GetProperty("id").GetGuid();
        Assert.Equal(waiting + 1, await TaskCountAsync(pm, "待审批的请假"));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == pmUser && m.DedupeKey!.StartsWith($"leave:{leaveId}"))
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await tech.PostJsonAsync($"/api/v1/rosters/leaves/{leaveId}/decision", new { approve = true })).StatusCode
        );
        Assert.Equal(
            ["approve"],
            Fields(await (await pm.PostJsonAsync($"/api/v1/rosters/leaves/{leaveId}/decision", new { })).JsonAsync())
        );
        var approved = await pm.PostJsonAsync($"/api/v1/rosters/leaves/{leaveId}/decision", new { approve = true, note = "同意" })
            .OkAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.False(await _app.DbAsync(db => db.Set<RosterEntry>().AnyAsync(e => e.Id == techEntry)));
        Assert.Equal(waiting, await TaskCountAsync(pm, "待审批的请假"));
        var onLeave = await pm.PostJsonAsync("/api/v1/rosters", Entry(plainPost, techStaff, 2));
        Assert.Equal(["staffMemberId"], Fields(await onLeave.JsonAsync()));
        var again = await pm.PostJsonAsync($"/api/v1/rosters/leaves/{leaveId}/decision", new { approve = false });
        Assert.Equal("leave.decided", (await again.JsonAsync()).GetProperty("code").GetString());

        // Swap: the technician's shift on day 3 for the other person's electrician duty tomorrow; approved, they are exchanged.
        var mine = (await pm.PostJsonAsync("/api/v1/rosters", Entry(plainPost, techStaff, 3)).OkAsync()).GetProperty("id").GetGuid();
        var notMine = await tech.PostJsonAsync(
            "/api/v1/rosters/swaps",
            new
            {
                entryId = otherEntry,
                withEntryId = mine,
                reason = "x",
            }
        );
        Assert.Equal(["entryId"], Fields(await notMine.JsonAsync()));
        var swap = await tech.PostJsonAsync(
                "/api/v1/rosters/swaps",
                new
                {
                    entryId = mine,
                    withEntryId = otherEntry,
                    reason = "周四要去复审证件",
                }
            )
            .OkAsync();
        var swapId = swap.GetProperty("id").GetGuid();
        Assert.True(await TaskCountAsync(pm, "待审批的换班") >= 1);
        await pm.PostJsonAsync($"/api/v1/rosters/swaps/{swapId}/decision", new { approve = true }).OkAsync();
        var (a, b) = await _app.DbAsync(async db =>
            (
                await db.Set<RosterEntry>().Where(e => e.Id == mine).Select(e => e.StaffMemberId).FirstAsync(),
                await db.Set<RosterEntry>().Where(e => e.Id == otherEntry).Select(e => e.StaffMemberId).FirstAsync()
            )
        );
        Assert.Equal((other, techStaff), (a, b));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>().AnyAsync(m => m.RecipientUserId == techUser && m.DedupeKey!.StartsWith($"swap-decided:{swapId}"))
            )
        );

        // The week as the API gives it; a guard of the project reads it, cannot fill it.
        var week = await tech.GetJsonAsync($"/api/v1/rosters?projectId={project}&from={Today:yyyy-MM-dd}&to={Today.AddDays(6):yyyy-MM-dd}");
        Assert.Contains(week.EnumerateArray(), e => e.GetProperty("id").GetGuid() == mine);
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await tech.GetAsync($"/api/v1/rosters?from={Today:yyyy-MM-dd}&to={Today.AddDays(-1):yyyy-MM-dd}")).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("owner")).GetAsync("/api/v1/rosters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.As("owner")).GetAsync("/staff/rosters")).StatusCode);
    }

    [Fact]
    public async Task A_project_manager_who_lives_in_another_project_sees_neither_its_duty_nor_its_technicians()
    {
        // He manages the demo technician's project and owns a home in a project of another company: he sees that project
        // (its name, as an owner), which must not open its staff lists read with the filters off.
        var (workProject, company) = await _app.DbAsync(async db =>
        {
            var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == tech && r.Role == Roles.Technician);
            return (grant.ProjectId!.Value, grant.CompanyId!.Value);
        });
        var home = await _app.DbAsync(db =>
            db.Units()
                .Where(u => u.CompanyId != company)
                .OrderBy(u => u.Id)
                .Select(u => new
                {
                    u.Id,
                    u.CompanyId,
                    u.ProjectId,
                })
                .FirstAsync()
        );
        await _app.CreateUserAsync(
            "roster-lives-away",
            company,
            new RoleAssignment
            {
                Role = Roles.ProjectManager,
                CompanyId = company,
                ProjectId = workProject,
            },
            new RoleAssignment
            {
                Role = Roles.Owner,
                CompanyId = home.CompanyId,
                ProjectId = home.ProjectId,
                UnitId = home.Id,
            }
        );
        var him = await _app.As("roster-lives-away", TestUsers.Password);
        Assert.Equal(HttpStatusCode.OK, (await him.GetAsync($"/api/v1/rosters/on-duty?projectId={workProject}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await him.GetAsync($"/api/v1/rosters/on-duty?projectId={home.ProjectId}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await him.GetAsync($"/api/v1/work-orders/technicians?projectId={home.ProjectId}")).StatusCode
        );
    }
}
