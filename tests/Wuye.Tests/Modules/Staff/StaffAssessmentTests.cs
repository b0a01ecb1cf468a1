using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Jobs;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 月度考核 on a fixture project of two people of one team, with last month's records of the technician — two QPI deductions he
/// answers for (1.5 + 1 points), four work orders due (three on time), one effective complaint about a job of his (and one not
/// effective), two exam attempts (60 and 90) — and records outside the month or of someone else that must not count. His score
/// equals the hand-computed value; on a moved clock the monthly job closes the month on the 1st (stored, ranked, never twice),
/// tells the project manager, whose to-do line leads to the review.
/// </summary>
public sealed class StaffAssessmentTests(SharedApp shared) : IClassFixture<SharedApp>, IAsyncLifetime
{
    // Last month (real time): the demo has closed it for its own projects, not for the fixture's.
    private static readonly DateOnly Month = StaffTalk.MonthOf(ChinaTime.Today(TimeProvider.System)).AddMonths(-1);
    private readonly FakeTimeProvider _clock = Clocks.At(
        new DateTimeOffset(Month.AddMonths(1).AddDays(-1).ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset)
    );
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static DateTimeOffset On(int day, int hour) =>
        new DateTimeOffset(Month.AddDays(day - 1).ToDateTime(new TimeOnly(hour, 0)), ChinaTime.Offset).ToUniversalTime();

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
    public async Task A_persons_month_equals_the_hand_computed_score_and_the_job_closes_it_once_for_review()
    {
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "考核核算花园", "考核工程班");
        var tech = (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name = "考核电工甲" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var mate = (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name = "考核电工乙" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var techUser = (
            await manager
                .PostJsonAsync(
                    $"/api/v1/staff/{tech}/account",
                    new
                    {
                        userName = "assess-tech",
                        invite = false,
                        role = Roles.Technician,
                    }
                )
                .OkAsync()
        ).GetProperty("userId").GetGuid();
        var pmUser = await _app.CreateUserAsync(
            "assess-pm",
            company,
            new RoleAssignment
            {
                Role = Roles.ProjectManager,
                CompanyId = company,
                ProjectId = project,
            }
        );

        // The month's records, cloned from the demo's (ids, places, people, dates and figures replaced).
        await _app.DbAsync(async db =>
        {
            var someone = await db.Users.Where(u => u.UserName == "manager").Select(u => u.Id).FirstAsync();
            var f0 = await db.Set<Finding>().Where(f => f.Type == FindingType.Deduction).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync();
            var n0 = await db.Set<ImprovementNotice>().OrderBy(n => n.Id).Select(n => n.Id).FirstAsync();
            var n = 0;
            async Task FindingAsync(DateOnly on, decimal points, Guid responsible)
            {
                var f = await db.Set<Finding>().AsNoTracking().FirstAsync(x => x.Id == f0);
                (f.Id, f.CompanyId, f.ProjectId, f.FoundOn, f.Points) = (Guid.CreateVersion7(), company, project, on, points);
                var notice = await db.Set<ImprovementNotice>().AsNoTracking().FirstAsync(x => x.Id == n0);
                (notice.Id, notice.CompanyId, notice.ProjectId, notice.FindingId, notice.ResponsibleUserId) = (
                    Guid.CreateVersion7(),
                    company,
                    project,
                    f.Id,
                    responsible
                );
                notice.Number = $"KH-{Month:yyyyMM}-{++n}";
                db.AddRange(f, notice);
            }
            await FindingAsync(Month.AddDays(3), 1.5m, techUser);
            await FindingAsync(Month.AddDays(20), 1m, techUser);
            await FindingAsync(Month.AddDays(-2), 4m, techUser); // the month before
            await FindingAsync(Month.AddDays(5), 3m, someone); // someone else answers for it

            var w0 = await db.Set<WorkOrder>().Where(w => w.CompanyId == company).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
            var orders = new List<WorkOrder>();
            async Task OrderAsync(DateTimeOffset due, DateTimeOffset? done)
            {
                var w = await db.Set<WorkOrder>().AsNoTracking().FirstAsync(x => x.Id == w0);
                (w.Id, w.ProjectId, w.ZoneId, w.UnitId, w.AssigneeUserId, w.AssigneeName) = (
                    Guid.CreateVersion7(),
                    project,
                    null,
                    null,
                    techUser,
                    "考核电工甲"
                );
                (w.CompletionDueAt, w.CompletedAt, w.Status) = (
                    due,
                    done,
                    done is null ? WorkOrderStatus.Accepted : WorkOrderStatus.Completed
                );
                orders.Add(w);
                db.Add(w);
            }
            await OrderAsync(On(2, 12), On(2, 11));
            await OrderAsync(On(9, 12), On(9, 12));
            await OrderAsync(On(15, 12), On(14, 9));
            await OrderAsync(On(20, 12), On(21, 9)); // late
            await OrderAsync(On(1, 12).AddMonths(1).AddDays(1), null); // due next month

            var c0 = await db.Set<Complaint>().Where(c => c.CompanyId == company).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            async Task ComplaintAsync(bool effective, DateTimeOffset at)
            {
                var c = await db.Set<Complaint>().AsNoTracking().FirstAsync(x => x.Id == c0);
                (c.Id, c.ProjectId, c.ZoneId, c.ReceivedAt, c.Effective) = (Guid.CreateVersion7(), project, null, at, effective);
                (c.Number, c.ServiceRequestIds) = ($"KH{Guid.NewGuid():N}"[..20], [orders[3].ServiceRequestId]);
                db.Add(c);
            }
            await ComplaintAsync(true, On(22, 15));
            await ComplaintAsync(false, On(23, 15));

            var a0 = await db.Set<ExamAttempt>().Where(a => a.Score != null).OrderBy(a => a.Id).FirstAsync();
            var assignment = await db.Set<ExamAssignment>().AsNoTracking().FirstAsync(a => a.Id == a0.AssignmentId);
            (assignment.Id, assignment.CompanyId, assignment.ProjectId, assignment.StaffMemberId, assignment.UserId) = (
                Guid.CreateVersion7(),
                company,
                project,
                tech,
                techUser
            );
            db.Add(assignment);
            foreach (var (number, score, day) in new[] { (1, 60m, 10), (2, 90m, 11) })
            {
                var a = await db.Set<ExamAttempt>().AsNoTracking().FirstAsync(x => x.Id == a0.Id);
                (a.Id, a.CompanyId, a.ProjectId, a.AssignmentId, a.Number) = (
                    Guid.CreateVersion7(),
                    company,
                    project,
                    assignment.Id,
                    number
                );
                (a.StartedAt, a.SubmittedAt, a.Score, a.Passed) = (On(day, 9), On(day, 9).AddMinutes(10), score, score >= 80);
                db.Add(a);
            }
            return await db.SaveChangesAsync();
        });

        // Hand-computed: quality 100 − 10 × 2.5 = 75; on time 3/4 = 75; complaints 100 − 20 × 1 = 80; exams (60 + 90) / 2 = 75;
        // 0.4 × 75 + 0.3 × 75 + 0.15 × 80 + 0.15 × 75 = 75.75 → 75.8. His mate has no records: 100. The team: (100 + 75.8) / 2 = 87.9.
        async Task<System.Text.Json.JsonElement> MonthAsync(HttpClient who) =>
            (await who.GetJsonAsync($"/api/v1/staff-assessments?projectId={project}&month={Month:yyyy-MM}")).EnumerateArray().Single();
        void AssertScores(System.Text.Json.JsonElement m)
        {
            var people = m.GetProperty("people").EnumerateArray().ToList();
            var him = people.Single(p => p.GetProperty("staffMemberId").GetGuid() == tech);
            Assert.Equal(
                (2, 2.5m, 4, 3, 75m, 1, 2, 75m, 75.8m, 2),
                (
                    him.GetProperty("findings").GetInt32(),
                    him.GetProperty("deductionPoints").GetDecimal(),
                    him.GetProperty("workOrdersDue").GetInt32(),
                    him.GetProperty("workOrdersOnTime").GetInt32(),
                    him.GetProperty("onTimeRate").GetDecimal(),
                    him.GetProperty("complaints").GetInt32(),
                    him.GetProperty("examAttempts").GetInt32(),
                    him.GetProperty("examMean").GetDecimal(),
                    him.GetProperty("score").GetDecimal(),
                    him.GetProperty("rank").GetInt32()
                )
            );
            var other = people.Single(p => p.GetProperty("staffMemberId").GetGuid() == mate);
            Assert.Equal((100m, 1), (other.GetProperty("score").GetDecimal(), other.GetProperty("rank").GetInt32()));
            var t = m.GetProperty("teams").EnumerateArray().Single();
            Assert.Equal(
                (team, 2, 87.9m, 1),
                (
                    t.GetProperty("teamId").GetGuid(),
                    t.GetProperty("members").GetInt32(),
                    t.GetProperty("score").GetDecimal(),
                    t.GetProperty("rank").GetInt32()
                )
            );
        }

        var pm = await _app.As("assess-pm", TestUsers.Password);
        var live = await MonthAsync(pm);
        Assert.False(live.GetProperty("closed").GetBoolean());
        AssertScores(live);

        // The month's last day: the job closes only the month before (the fixture's, with nobody's records, among them).
        var job = () => _app.Services.GetRequiredService<AssessmentCloseJob>().RunOnceAsync();
        await job();
        Task<int> ClosedAsync() =>
            _app.DbAsync(db => db.Set<StaffAssessmentMonth>().CountAsync(m => m.ProjectId == project && m.Month == Month));
        Assert.Equal(0, await ClosedAsync());
        var waiting = await TaskCountAsync(pm, "月度考核排名待审阅");

        // The 1st: closed, stored and ranked; the manager is told and has the line; a second run closes nothing twice.
        _clock.SetUtcNow(new DateTimeOffset(Month.AddMonths(1).ToDateTime(new TimeOnly(0, 30)), ChinaTime.Offset).ToUniversalTime());
        await job();
        Assert.Equal(1, await ClosedAsync());
        Assert.Equal(0, await job());
        Assert.Equal(1, await ClosedAsync());
        Assert.Equal(2, await _app.DbAsync(db => db.Set<StaffScore>().CountAsync(s => s.ProjectId == project && s.Month == Month)));
        var key = AssessmentCloseJob.Key(project, Month);
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m => m.RecipientUserId == pmUser && m.DedupeKey!.StartsWith(key) && m.Channel == NotificationChannel.InApp)
            )
        );
        _app.ForgetTokens();
        pm = await _app.As("assess-pm", TestUsers.Password);
        Assert.Equal(waiting + 1, await TaskCountAsync(pm, "月度考核排名待审阅"));
        // A finding recorded after the close does not move the stored month.
        await _app.DbAsync(db =>
            db.Set<Finding>()
                .Where(f => f.ProjectId == project && f.Points == 4m)
                .ExecuteUpdateAsync(u => u.SetProperty(f => f.FoundOn, Month.AddDays(25)))
        );
        var closed = await MonthAsync(pm);
        Assert.True(closed.GetProperty("closed").GetBoolean());
        AssertScores(closed);

        // Review: bad input field by field; done once, the line goes; twice is a conflict.
        var empty = await pm.PostJsonAsync("/api/v1/staff-assessments/review", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(
            ["month", "projectId"],
            [.. (await empty.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order()]
        );
        var badMonth = await pm.GetAsync("/api/v1/staff-assessments?month=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        var reviewed = await pm.PostJsonAsync("/api/v1/staff-assessments/review", new { projectId = project, month = $"{Month:yyyy-MM}" })
            .OkAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, reviewed.GetProperty("reviewedAt").ValueKind);
        Assert.Equal(waiting, await TaskCountAsync(pm, "月度考核排名待审阅"));
        var again = await pm.PostJsonAsync("/api/v1/staff-assessments/review", new { projectId = project, month = $"{Month:yyyy-MM}" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("assessment.reviewed", (await again.JsonAsync()).GetProperty("code").GetString());

        // The demo technician reads his own month (the demo closed it), not anyone else's.
        var mine = (await (await _app.As("tech")).GetJsonAsync($"/api/v1/staff-assessments/mine?month={Month:yyyy-MM}"))
            .EnumerateArray()
            .ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, m => Assert.True(m.GetProperty("closed").GetBoolean()));
        var techId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        var own = await _app.DbAsync(db => db.StaffRefs().Where(s => s.UserId == techId).Select(s => s.Id).ToListAsync());
        Assert.All(mine, m => Assert.Contains(m.GetProperty("person").GetProperty("staffMemberId").GetGuid(), own));
    }
}
