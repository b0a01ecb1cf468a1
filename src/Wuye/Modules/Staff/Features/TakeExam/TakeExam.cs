using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.TakeExam;

internal sealed record AnswerInput(Guid QuestionId, int[]? Choices, string? Text = null);

internal sealed record SubmitInput(AnswerInput[]? Answers) : IValidatable
{
    public const int MaxText = 2000;

    public void Validate(Validator v)
    {
        if (Answers?.Any(a => a?.Choices?.Any(c => c is < 0 or >= Question.MaxOptions) == true) == true)
            v.Add("answers", "答案选项不存在", "An answer names an option that does not exist");
        if (Answers?.Any(a => a?.Text?.Length > MaxText) == true)
            v.Add("answers", $"问答题答案最多 {MaxText} 字", $"A written answer is at most {MaxText} characters");
    }
}

internal sealed record MarkEntry(Guid QuestionId, int? Mark);

internal sealed record MarkInput(MarkEntry[]? Marks);

/// <summary>
/// Sitting an exam: GET /exam-assignments (one's own; keepers everyone's of their places), POST /exam-assignments/{id}/attempts
/// (starts an attempt with freshly drawn questions, or resumes the open one), GET /exam-attempts/{id}, POST …/submit (graded at
/// once; a pass closes the exam, a fail leaves the retakes that remain; a paper with open questions waits for a marker, who is
/// told), POST …/marks (阅卷: a keeper of the person's place marks the open answers; the person is told the result).
/// </summary>
internal sealed class TakeExamHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(
                "/exam-assignments",
                async (WuyeDb db, Guid? examId, bool? mine, bool? open, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var q = ExamViews.Assignments(db);
                    if (examId is { } e)
                        q = q.Where(a => a.ExamId == e);
                    if (mine == true)
                    {
                        var me = db.Scope.UserId;
                        q = q.Where(a => a.UserId != null && a.UserId == me);
                    }
                    if (open == true)
                        q = q.Where(a => a.PassedAt == null);
                    var paged = await q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<AssignmentDto>(
                            await ExamViews.AssignmentsAsync(db, paged.Items, ct),
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .WithTags("Staff")
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Examinees])
            .WithSummary("Exams required of people with attempts and best scores (staff: their own)");
        api.MapPost("/exam-assignments/{id:guid}/attempts", async Task<Ok<AttemptDto>> (TakeExamHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.StartAsync(id, ct))
            )
            .WithTags("Staff")
            .RequireRoles(StaffRoles.Examinees)
            .WithSummary("Start (or resume) an attempt at one's own exam: the questions drawn, without their answers");
        api.MapGet("/exam-attempts/{id:guid}", async Task<Results<Ok<AttemptDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await Visible(db).FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
                    ? TypedResults.Ok(await ExamViews.AttemptAsync(db, t, ct))
                    : TypedResults.NotFound()
            )
            .WithTags("Staff")
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Examinees])
            .WithSummary("One attempt: its paper, and once handed in the score and which answers were right");
        api.MapPost(
                "/exam-attempts/{id:guid}/submit",
                async Task<Ok<AttemptDto>> (TakeExamHandler h, Guid id, SubmitInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.SubmitAsync(id, body, ct))
            )
            .WithTags("Staff")
            .RequireRoles(StaffRoles.Examinees)
            .WithSummary("Hand in an attempt: graded at once against the pass mark (with open questions: once marked)");
        api.MapPost(
                "/exam-attempts/{id:guid}/marks",
                async Task<Ok<AttemptDto>> (TakeExamHandler h, Guid id, MarkInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.MarkAsync(id, body, ct))
            )
            .WithTags("Staff")
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Mark the open answers of a handed-in attempt (0 to 10 each): the score, the result, the person told");
    }

    /// <summary>Attempts of the exams the reader may see (own, or of the places they keep).</summary>
    public static IQueryable<ExamAttempt> Visible(WuyeDb db)
    {
        var assignments = ExamViews.Assignments(db);
        return db.Set<ExamAttempt>().AsNoTracking().Where(t => assignments.Any(a => a.Id == t.AssignmentId));
    }

    private async Task<ExamAssignment> MineAsync(Guid assignmentId, CancellationToken ct)
    {
        var me = db.Scope.UserId;
        return await db.Set<ExamAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId != null && a.UserId == me, ct)
            ?? throw new NotFoundException("exam assignment");
    }

    public async Task<AttemptDto> StartAsync(Guid assignmentId, CancellationToken ct)
    {
        var assignment = await MineAsync(assignmentId, ct);
        var exam = await db.Set<Exam>().AsNoTracking().FirstAsync(e => e.Id == assignment.ExamId, ct);
        var now = clock.GetUtcNow();
        if (await db.Set<ExamAttempt>().AnyAsync(t => t.AssignmentId == assignment.Id && t.AwaitingMarking, ct))
            throw new RuleException(
                "exam.awaiting_marking",
                "上次答卷尚待阅卷，请等待成绩",
                "The last attempt awaits marking: wait for its result"
            );
        var open = await db.Set<ExamAttempt>().FirstOrDefaultAsync(t => t.AssignmentId == assignment.Id && t.SubmittedAt == null, ct);
        if (open is not null && !open.IsOverdue(now))
            return await ExamViews.AttemptAsync(db, open, ct);
        if (open is not null)
        {
            // Left unfinished past its time: it closes with nought and counts as one of the attempts.
            open.Submit(exam, new Dictionary<Guid, Question>(), new Dictionary<Guid, int[]>(), now);
            assignment.Record(open);
        }
        var bankIds = exam.BankIds;
        var pool = await db.Set<Question>()
            .AsNoTracking()
            .Where(q => bankIds.Contains(q.BankId) && q.RetiredAt == null)
            .OrderBy(q => q.Id)
            .Select(q => q.Id)
            .Take(5000)
            .ToListAsync(ct);
        if (pool.Count < exam.QuestionCount)
            throw new RuleException(
                "exam.too_few_questions",
                $"题库只剩 {pool.Count} 道题，不足 {exam.QuestionCount} 题",
                $"The banks hold {pool.Count} questions, fewer than {exam.QuestionCount}"
            );
        var drawn = pool.ToArray();
        Random.Shared.Shuffle(drawn);
        var attempt = assignment.Start(exam, drawn[..exam.QuestionCount], now);
        db.Add(attempt);
        await db.SaveChangesAsync(ct);
        return await ExamViews.AttemptAsync(db, attempt, ct);
    }

    public async Task<AttemptDto> SubmitAsync(Guid attemptId, SubmitInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var attempt = await db.Set<ExamAttempt>().FirstOrDefaultAsync(t => t.Id == attemptId, ct)
            ?? throw new NotFoundException("exam attempt");
        var assignment = await MineAsync(attempt.AssignmentId, ct);
        var exam = await db.Set<Exam>().AsNoTracking().FirstAsync(e => e.Id == assignment.ExamId, ct);
        var ids = attempt.QuestionIds;
        var questions = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        // A null entry ({"answers":[null]}) answers nothing, as a blank one would.
        var answers = (input.Answers ?? [])
            .OfType<AnswerInput>()
            .GroupBy(a => a.QuestionId)
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Choices ?? []).ToArray());
        var texts = (input.Answers ?? [])
            .OfType<AnswerInput>()
            .Where(a => a.Text is not null)
            .GroupBy(a => a.QuestionId)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(a => a.Text)));
        attempt.Submit(exam, questions, answers, clock.GetUtcNow(), texts);
        assignment.Record(attempt);
        if (attempt.AwaitingMarking)
        {
            var open = attempt.QuestionIds.Count(q => questions.TryGetValue(q, out var x) && x.IsOpen);
            var to = (await notifier.UsersWithRoleAsync(Roles.ProjectManager, assignment.CompanyId, assignment.ProjectId, ct))
                .Concat(await notifier.UsersWithRoleAsync(Roles.CompanyManager, assignment.CompanyId, null, ct))
                .Where(u => u != assignment.UserId)
                .Distinct()
                .ToList();
            await notifier.NotifyAsync(
                to,
                assignment.CompanyId,
                $"待阅卷：{exam.Title}",
                $"{assignment.PersonName} 已交卷（第 {attempt.Number} 次），{open} 道问答题待阅卷，阅卷后计分。",
                ExamViews.AttemptPage(attempt.Id),
                $"exam-marking:{attempt.Id:N}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return await ExamViews.AttemptAsync(db, attempt, ct);
    }

    /// <summary>
    /// 阅卷: a keeper of the person's place (never the person) marks each open answer 0 to 10; the score and the result follow,
    /// the person's best score and pass are updated and they are told.
    /// </summary>
    public async Task<AttemptDto> MarkAsync(Guid attemptId, MarkInput input, CancellationToken ct)
    {
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var attempt = await db.Set<ExamAttempt>().FirstOrDefaultAsync(t => t.Id == attemptId, ct)
            ?? throw new NotFoundException("exam attempt");
        var assignment = await db.Set<ExamAssignment>().FirstOrDefaultAsync(a => a.Id == attempt.AssignmentId, ct)
            ?? throw new NotFoundException("exam attempt");
        var kept = StaffRoles.Kept(db.Scope);
        assignment.CheckMarker(kept, me); // before the paper is read: a stranger learns nothing of it
        var exam = await db.Set<Exam>().AsNoTracking().FirstAsync(e => e.Id == assignment.ExamId, ct);
        var ids = attempt.QuestionIds;
        var questions = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var marks = new Dictionary<Guid, int>();
        // A null entry marks nothing: the paper's unmarked answers are then refused field by field.
        foreach (var m in (input.Marks ?? []).OfType<MarkEntry>())
            if (m.Mark is { } v)
                marks[m.QuestionId] = v;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        attempt.Mark(exam, assignment, questions, marks, kept, me, name, clock.GetUtcNow());
        assignment.Record(attempt);
        if (assignment.UserId is { } user)
            await notifier.NotifyAsync(
                [user],
                assignment.CompanyId,
                $"考试成绩：{exam.Title}",
                $"第 {attempt.Number} 次答卷已阅：{attempt.Score:0.#} 分，"
                    + (attempt.Passed == true ? "考试通过。" : $"未通过（{exam.PassMark:0.#} 分合格）。"),
                ExamViews.AttemptPage(attempt.Id),
                $"exam-marked:{attempt.Id:N}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return await ExamViews.AttemptAsync(db, attempt, ct);
    }
}
