using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

/// <summary>
/// Versioned banks through the API: editing a question retires its row and adds a new one, removing retires it, each a new
/// version of the bank (shown with when it changed); an attempt drawn before keeps its exact questions and is graded on them;
/// new exams and attempts draw only current questions; bad input and a retired question are refused with nothing written; a
/// keeper of another company finds nothing.
/// </summary>
[Collection(nameof(StaffApiCollection))]
public sealed class QuestionBankVersionTests(SharedApp shared) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Editing_or_removing_a_question_makes_a_new_version_and_drawn_attempts_keep_their_questions()
    {
        var (techStaff, project) = await _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync();
            var s = await db.StaffRefs().Where(s => s.UserId == user).Select(s => new { s.Id, s.ProjectId }).FirstAsync();
            return (s.Id, s.ProjectId!.Value);
        });
        var pm = await _app.As("pm");
        var tech = await _app.As("tech");
        var bank = (
            await pm.PostJsonAsync(
                    "/api/v1/question-banks",
                    new
                    {
                        projectId = project,
                        title = "版本题库",
                        topic = "safety",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        Guid Add(System.Text.Json.JsonElement q) => q.GetProperty("id").GetGuid();
        var a = Add(
            await pm.PostJsonAsync(
                    $"/api/v1/question-banks/{bank}/questions",
                    new
                    {
                        kind = "single",
                        text = "版本题甲（旧）",
                        options = new[] { "对", "错" },
                        correct = new[] { 0 },
                    }
                )
                .OkAsync()
        );
        var b = Add(
            await pm.PostJsonAsync(
                    $"/api/v1/question-banks/{bank}/questions",
                    new
                    {
                        kind = "trueFalse",
                        text = "版本题乙",
                        correct = new[] { 1 },
                    }
                )
                .OkAsync()
        );
        var v1 = await pm.GetJsonAsync($"/api/v1/question-banks/{bank}");
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        var exam = (
            await pm.PostJsonAsync(
                    "/api/v1/exams",
                    new
                    {
                        projectId = project,
                        title = "版本考试",
                        topic = "safety",
                        bankIds = new[] { bank },
                        questionCount = 2,
                        passMark = 100,
                        minutes = 10,
                        maxAttempts = 2,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var assignment = (await pm.PostJsonAsync($"/api/v1/exams/{exam}/assignments", new { staffMemberId = techStaff }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        var drawn = await tech.PostJsonAsync($"/api/v1/exam-assignments/{assignment}/attempts", new { }).OkAsync();
        var attempt = drawn.GetProperty("id").GetGuid();

        // Edited: a new row, the old one retired; version 2 with when it changed. Bad input and a retired question: nothing written.
        var bad = await pm.PutJsonAsync(
            $"/api/v1/question-banks/{bank}/questions/{a}",
            new
            {
                kind = "single",
                text = "甲",
                options = new[] { "只有一个" },
                correct = new[] { 0 },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["options"], (await bad.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var edited = Add(
            await pm.PutJsonAsync(
                    $"/api/v1/question-banks/{bank}/questions/{a}",
                    new
                    {
                        kind = "single",
                        text = "版本题甲（新）",
                        options = new[] { "错", "对" },
                        correct = new[] { 1 },
                    }
                )
                .OkAsync()
        );
        Assert.NotEqual(a, edited);
        var again = await pm.PutJsonAsync(
            $"/api/v1/question-banks/{bank}/questions/{a}",
            new
            {
                kind = "trueFalse",
                text = "再改",
                correct = new[] { 0 },
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var v2 = await pm.GetJsonAsync($"/api/v1/question-banks/{bank}");
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, v2.GetProperty("changedAt").ValueKind);
        Assert.Equal(
            new[] { edited, b }.Order(),
            v2.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetGuid()).Order()
        );
        Assert.Equal(2, v2.GetProperty("questionCount").GetInt32());

        // Removed: version 3, one current question; a keeper of another company finds nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await pm.DeleteAsync($"/api/v1/question-banks/{bank}/questions/{b}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await (await _app.As("manager2")).DeleteAsync($"/api/v1/question-banks/{bank}/questions/{edited}")).StatusCode
        );
        var v3 = await pm.GetJsonAsync($"/api/v1/question-banks/{bank}");
        Assert.Equal((3, 1), (v3.GetProperty("version").GetInt32(), v3.GetProperty("questionCount").GetInt32()));
        Assert.Contains("第 3 版", await pm.GetStringAsync("/staff/exams"));

        // The attempt drawn at version 1 keeps its questions and is graded on them: the old right answers score 100.
        var paper = await tech.GetJsonAsync($"/api/v1/exam-attempts/{attempt}");
        var texts = paper.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("text").GetString()!).Order().ToArray();
        Assert.Equal(["版本题乙", "版本题甲（旧）"], texts);
        var done = await tech.PostJsonAsync(
                $"/api/v1/exam-attempts/{attempt}/submit",
                new
                {
                    answers = new object[] { new { questionId = a, choices = new[] { 0 } }, new { questionId = b, choices = new[] { 1 } } },
                }
            )
            .OkAsync();
        Assert.Equal(100m, done.GetProperty("score").GetDecimal());

        // New exams draw only current questions: two are no longer there.
        var tooMany = await pm.PostJsonAsync(
            "/api/v1/exams",
            new
            {
                projectId = project,
                title = "版本考试二",
                topic = "safety",
                bankIds = new[] { bank },
                questionCount = 2,
                passMark = 60,
                minutes = 10,
                maxAttempts = 1,
            }
        );
        Assert.Equal(["questionCount"], (await tooMany.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
