using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// 问答题与阅卷 through the API, on a project of its own: an open question needs its reference answer; a paper holding one
/// awaits marking after hand-in (no score, no retake meanwhile) and the keepers are told; the examinee never sees the
/// reference answer, the marker does; a technician may not mark, a keeper elsewhere finds nothing, a project manager may not
/// mark his own paper; marks out of range are refused field by field; marked, the score and pass follow, the person is told,
/// marking twice is 409. A paper handed in late scores nought and waits for no one.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class ExamMarkingTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private readonly FakeTimeProvider _clock = Clocks.Now();

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string[] Fields(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task Open_answers_wait_for_a_keeper_who_marks_them_into_the_score_and_the_person_is_told()
    {
        var manager = await _app.As("manager");
        var (company, project, team) = await StaffTestKit.ProjectWithTeamAsync(_app, "阅卷花园", "阅卷工程班");
        // A technician and a second project manager, each a person of the register with an account.
        async Task<(Guid Staff, Guid User)> PersonAsync(string name, string userName, string role)
        {
            var staff = (await manager.PostJsonAsync("/api/v1/staff", new { teamId = team, name }).OkAsync()).GetProperty("id").GetGuid();
            var user = await _app.CreateUserAsync(
                userName,
                company,
                new RoleAssignment
                {
                    Role = role,
                    CompanyId = company,
                    ProjectId = project,
                }
            );
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.MasterData.Domain.StaffMember>()
                    .Where(s => s.Id == staff)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user))
            );
            return (staff, user);
        }
        var (techStaff, techUser) = await PersonAsync("阅卷电工", "exm-tech", Roles.Technician);
        var (pmStaff, pmUser) = await PersonAsync("阅卷经理", "exm-pm", Roles.ProjectManager);
        var pm = await _app.As("exm-pm", TestUsers.Password);
        var tech = await _app.As("exm-tech", TestUsers.Password);

        var bank = (
            await pm.PostJsonAsync(
                    "/api/v1/question-banks",
                    new
                    {
                        projectId = project,
                        title = "阅卷题库",
                        topic = "professional",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var noReference = await pm.PostJsonAsync(
            $"/api/v1/question-banks/{bank}/questions",
            new { kind = "open", text = "漏水如何处置？" }
        );
        Assert.Equal(HttpStatusCode.BadRequest, noReference.StatusCode);
        Assert.Equal(["referenceAnswer"], Fields(await noReference.JsonAsync()));
        var single = (
            await pm.PostJsonAsync(
                    $"/api/v1/question-banks/{bank}/questions",
                    new
                    {
                        kind = "single",
                        text = "停水通知应提前多久张贴？",
                        options = new[] { "24 小时", "1 小时" },
                        correct = new[] { 0 },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var openQ = await pm.PostJsonAsync(
                $"/api/v1/question-banks/{bank}/questions",
                new
                {
                    kind = "open",
                    text = "发现楼上漏水到楼下，应如何处置？",
                    referenceAnswer = "关闭阀门，报修，通知两户业主并记录",
                }
            )
            .OkAsync();
        Assert.Equal(("open", 0), (openQ.GetProperty("kind").GetString(), openQ.GetProperty("options").GetArrayLength()));
        var open = openQ.GetProperty("id").GetGuid();
        var exam = (
            await pm.PostJsonAsync(
                    "/api/v1/exams",
                    new
                    {
                        projectId = project,
                        title = "阅卷应知应会",
                        topic = "professional",
                        bankIds = new[] { bank },
                        questionCount = 2,
                        passMark = 60,
                        minutes = 10,
                        maxAttempts = 2,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var techExam = (await pm.PostJsonAsync($"/api/v1/exams/{exam}/assignments", new { staffMemberId = techStaff }).OkAsync())
            .GetProperty("id")
            .GetGuid();

        // The technician hands in: the choice question graded, the paper awaits marking, no retake meanwhile.
        var paper = await tech.PostJsonAsync($"/api/v1/exam-assignments/{techExam}/attempts", new { }).OkAsync();
        var attempt = paper.GetProperty("id").GetGuid();
        var handed = await tech.PostJsonAsync(
                $"/api/v1/exam-attempts/{attempt}/submit",
                new
                {
                    answers = new object[]
                    {
                        new { questionId = single, choices = new[] { 0 } },
                        new { questionId = open, text = "关阀，报修" },
                    },
                }
            )
            .OkAsync();
        Assert.Equal(
            (true, JsonValueKind.Null, JsonValueKind.Null),
            (
                handed.GetProperty("awaitingMarking").GetBoolean(),
                handed.GetProperty("score").ValueKind,
                handed.GetProperty("passed").ValueKind
            )
        );
        var retake = await tech.PostJsonAsync($"/api/v1/exam-assignments/{techExam}/attempts", new { });
        Assert.Equal(HttpStatusCode.Conflict, retake.StatusCode);
        Assert.Equal("exam.awaiting_marking", (await retake.JsonAsync()).GetProperty("code").GetString());
        var told = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title == "待阅卷：阅卷应知应会")
                .Select(m => m.RecipientUserId)
                .ToListAsync()
        );
        Assert.Contains((Guid?)pmUser, told);
        Assert.DoesNotContain((Guid?)techUser, told);

        // The examinee sees his answer but not the reference; the marker sees both, and the line on his to-do list.
        static JsonElement OpenOf(JsonElement a, Guid q) =>
            a.GetProperty("questions").EnumerateArray().First(x => x.GetProperty("id").GetGuid() == q);
        var own = OpenOf(await tech.GetJsonAsync($"/api/v1/exam-attempts/{attempt}"), open);
        Assert.Equal(
            ("关阀，报修", JsonValueKind.Null),
            (own.GetProperty("answer").GetString(), own.GetProperty("referenceAnswer").ValueKind)
        );
        var seen = OpenOf(await pm.GetJsonAsync($"/api/v1/exam-attempts/{attempt}"), open);
        Assert.Equal("关闭阀门，报修，通知两户业主并记录", seen.GetProperty("referenceAnswer").GetString());
        Assert.Contains("待阅卷", await pm.GetStringAsync("/home/project"));

        // Who may not mark, and marks out of range.
        var byTech = await tech.PostJsonAsync(
            $"/api/v1/exam-attempts/{attempt}/marks",
            new { marks = new[] { new { questionId = open, mark = 5 } } }
        );
        Assert.Equal(HttpStatusCode.Forbidden, byTech.StatusCode);
        var elsewhere = await (await _app.As("manager2")).PostJsonAsync(
            $"/api/v1/exam-attempts/{attempt}/marks",
            new { marks = new[] { new { questionId = open, mark = 5 } } }
        );
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var outOfRange = await pm.PostJsonAsync(
            $"/api/v1/exam-attempts/{attempt}/marks",
            new { marks = new[] { new { questionId = open, mark = 11 } } }
        );
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal([$"marks.{open}"], Fields(await outOfRange.JsonAsync()));
        var missing = await pm.PostJsonAsync($"/api/v1/exam-attempts/{attempt}/marks", new { marks = Array.Empty<object>() });
        Assert.Equal([$"marks.{open}"], Fields(await missing.JsonAsync()));
        // A null entry is no mark: the same field error, never a 500.
        var nulls = await pm.PostJsonAsync($"/api/v1/exam-attempts/{attempt}/marks", new { marks = new object?[] { null } });
        Assert.Equal(HttpStatusCode.BadRequest, nulls.StatusCode);
        Assert.Equal([$"marks.{open}"], Fields(await nulls.JsonAsync()));
        Assert.True(
            await _app.DbAsync(db => db.Set<ExamAttempt>().Where(t => t.Id == attempt).Select(t => t.AwaitingMarking).FirstAsync())
        );

        // Marked 5 of 10: one full share and half a share of two → 75, passed; the person is told; twice → 409.
        var marked = await pm.PostJsonAsync(
                $"/api/v1/exam-attempts/{attempt}/marks",
                new { marks = new[] { new { questionId = open, mark = 5 } } }
            )
            .OkAsync();
        Assert.Equal(
            (75m, true, false, "exm-pm"),
            (
                marked.GetProperty("score").GetDecimal(),
                marked.GetProperty("passed").GetBoolean(),
                marked.GetProperty("awaitingMarking").GetBoolean(),
                marked.GetProperty("markedByName").GetString()
            )
        );
        var line = (await tech.GetJsonAsync($"/api/v1/exam-assignments?examId={exam}&mine=true")).GetProperty("items")[0];
        Assert.Equal((true, 75m), (line.GetProperty("passed").GetBoolean(), line.GetProperty("bestScore").GetDecimal()));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m => m.RecipientUserId == techUser && m.Title == "考试成绩：阅卷应知应会" && m.Body.Contains("75 分"))
            )
        );
        var twice = await pm.PostJsonAsync(
            $"/api/v1/exam-attempts/{attempt}/marks",
            new { marks = new[] { new { questionId = open, mark = 9 } } }
        );
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        // The project manager's own paper: he may not mark it; the company manager marks it 0 → 50, not passed.
        var pmExam = (await pm.PostJsonAsync($"/api/v1/exams/{exam}/assignments", new { staffMemberId = pmStaff }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var mine = (await pm.PostJsonAsync($"/api/v1/exam-assignments/{pmExam}/attempts", new { }).OkAsync()).GetProperty("id").GetGuid();
        await pm.PostJsonAsync(
                $"/api/v1/exam-attempts/{mine}/submit",
                new
                {
                    answers = new object[]
                    {
                        new { questionId = single, choices = new[] { 0 } },
                        new { questionId = open, text = "不知道" },
                    },
                }
            )
            .OkAsync();
        var self = await pm.PostJsonAsync(
            $"/api/v1/exam-attempts/{mine}/marks",
            new { marks = new[] { new { questionId = open, mark = 10 } } }
        );
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        var byManager = await manager
            .PostJsonAsync($"/api/v1/exam-attempts/{mine}/marks", new { marks = new[] { new { questionId = open, mark = 0 } } })
            .OkAsync();
        Assert.Equal((50m, false), (byManager.GetProperty("score").GetDecimal(), byManager.GetProperty("passed").GetBoolean()));

        // His retake handed in past the time limit: nought, and nothing waits for a marker.
        var late = (await pm.PostJsonAsync($"/api/v1/exam-assignments/{pmExam}/attempts", new { }).OkAsync()).GetProperty("id").GetGuid();
        _clock.Advance(TimeSpan.FromMinutes(11));
        var lateDone = await pm.PostJsonAsync(
                $"/api/v1/exam-attempts/{late}/submit",
                new
                {
                    answers = new object[] { new { questionId = single, choices = new[] { 0 } }, new { questionId = open, text = "关阀" } },
                }
            )
            .OkAsync();
        Assert.Equal(
            (false, 0m, true),
            (
                lateDone.GetProperty("awaitingMarking").GetBoolean(),
                lateDone.GetProperty("score").GetDecimal(),
                lateDone.GetProperty("timedOut").GetBoolean()
            )
        );
    }
}
