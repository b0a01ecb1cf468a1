using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.TakeExam;

internal sealed record AnswerInput(Guid QuestionId, int[]? Choices);

internal sealed record SubmitInput(AnswerInput[]? Answers) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Answers?.Any(a => a.Choices?.Any(c => c is < 0 or >= Question.MaxOptions) == true) == true)
            v.Add("answers", "答案选项不存在", "An answer names an option that does not exist");
    }
}

/// <summary>
/// Sitting an exam: GET /exam-assignments (one's own; keepers everyone's of their places), POST /exam-assignments/{id}/attempts
/// (starts an attempt with freshly drawn questions, or resumes the open one), GET /exam-attempts/{id}, POST …/submit (graded at
/// once; a pass closes the exam, a fail leaves the retakes that remain).
/// </summary>
internal sealed class TakeExamHandler(WuyeDb db, TimeProvider clock)
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
            .WithSummary("Hand in an attempt: graded at once against the pass mark");
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
            .Where(q => bankIds.Contains(q.BankId))
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
        var answers = (input.Answers ?? [])
            .GroupBy(a => a.QuestionId)
            .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Choices ?? []).ToArray());
        attempt.Submit(exam, questions, answers, clock.GetUtcNow());
        assignment.Record(attempt);
        await db.SaveChangesAsync(ct);
        return await ExamViews.AttemptAsync(db, attempt, ct);
    }
}
