using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Shared;

internal sealed record QuestionDto(
    Guid Id,
    QuestionKind Kind,
    string KindName,
    string Text,
    string[] Options,
    int[] Correct,
    string? ReferenceAnswer
);

internal sealed record BankDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    string Title,
    TrainingTopic Topic,
    string TopicName,
    int QuestionCount,
    int Version,
    DateTimeOffset? ChangedAt,
    List<QuestionDto>? Questions
);

internal sealed record ExamDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    string Title,
    TrainingTopic Topic,
    string TopicName,
    Guid[] BankIds,
    int QuestionCount,
    decimal PassMark,
    int Minutes,
    int MaxAttempts,
    int Assigned,
    int Passed
);

internal sealed record AssignmentDto(
    Guid Id,
    Guid ExamId,
    string ExamTitle,
    Guid StaffMemberId,
    string PersonName,
    Guid? FindingId,
    string? Reason,
    DateOnly? DueOn,
    int Attempts,
    int MaxAttempts,
    decimal? BestScore,
    decimal PassMark,
    int QuestionCount,
    int Minutes,
    bool Passed,
    DateTimeOffset? PassedAt,
    bool CanStart,
    Guid? OpenAttemptId,
    bool AwaitingMarking
);

internal sealed record PaperQuestionDto(
    Guid Id,
    QuestionKind Kind,
    string KindName,
    string Text,
    string[] Options,
    int[] Chosen,
    bool? Right,
    string? Answer,
    string? ReferenceAnswer,
    int? Mark
);

internal sealed record AttemptDto(
    Guid Id,
    Guid AssignmentId,
    string ExamTitle,
    int Number,
    int MaxAttempts,
    DateTimeOffset StartedAt,
    DateTimeOffset DeadlineAt,
    DateTimeOffset? SubmittedAt,
    decimal? Score,
    decimal PassMark,
    bool? Passed,
    bool TimedOut,
    bool AwaitingMarking,
    string PersonName,
    Guid? PersonUserId,
    string? MarkedByName,
    DateTimeOffset? MarkedAt,
    List<PaperQuestionDto> Questions
);

/// <summary>What of the exams a reader may see, and how it is shown.</summary>
internal static class ExamViews
{
    public const string Page = "/staff/exams";

    public static string AttemptPage(Guid id) => $"/staff/exams/attempt/{id}";

    public static string KindName(QuestionKind kind) =>
        kind switch
        {
            QuestionKind.Single => Loc.T("单选", "Single choice"),
            QuestionKind.Multiple => Loc.T("多选", "Multiple choice"),
            QuestionKind.Open => Loc.T("问答", "Open question"),
            _ => Loc.T("判断", "True or false"),
        };

    /// <summary>
    /// The exams required of people: a keeper sees those of the places where he keeps the register (by the role held there);
    /// everyone sees their own.
    /// </summary>
    public static IQueryable<ExamAssignment> Assignments(WuyeDb db)
    {
        var all = db.Set<ExamAssignment>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects) = (kept.Companies, kept.Projects);
        var me = db.Scope.UserId;
        return all.Where(a =>
            companies.Contains(a.CompanyId)
            || (a.ProjectId != null && projects.Contains(a.ProjectId.Value))
            || (a.UserId != null && a.UserId == me)
        );
    }

    public static int[] Indexes(int mask) => [.. Enumerable.Range(0, Question.MaxOptions).Where(i => (mask & (1 << i)) != 0)];

    public static QuestionDto Dto(Question q) =>
        new(q.Id, q.Kind, KindName(q.Kind), q.Text, q.Options, Indexes(q.Correct), q.ReferenceAnswer);

    public static async Task<List<BankDto>> BanksAsync(
        WuyeDb db,
        IReadOnlyList<QuestionBank> banks,
        bool withQuestions,
        CancellationToken ct
    )
    {
        var ids = banks.Select(b => b.Id).ToList();
        var questions = await db.Set<Question>()
            .AsNoTracking()
            .Where(q => ids.Contains(q.BankId) && q.RetiredAt == null)
            .OrderBy(q => q.CreatedAt)
            .ThenBy(q => q.Id)
            .ToListAsync(ct);
        return
        [
            .. banks.Select(b =>
            {
                var mine = questions.Where(q => q.BankId == b.Id).ToList();
                return new BankDto(
                    b.Id,
                    b.CompanyId,
                    b.ProjectId,
                    b.Title,
                    b.Topic,
                    TrainingViews.TopicName(b.Topic),
                    mine.Count,
                    b.Revision,
                    b.ChangedAt,
                    withQuestions ? [.. mine.Select(Dto)] : null
                );
            }),
        ];
    }

    public static async Task<List<ExamDto>> ExamsAsync(WuyeDb db, IReadOnlyList<Exam> exams, CancellationToken ct)
    {
        var ids = exams.Select(e => e.Id).ToList();
        var counts = await Assignments(db)
            .Where(a => ids.Contains(a.ExamId))
            .GroupBy(a => a.ExamId)
            .Select(g => new
            {
                g.Key,
                Assigned = g.Count(),
                Passed = g.Count(a => a.PassedAt != null),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        return
        [
            .. exams.Select(e => new ExamDto(
                e.Id,
                e.CompanyId,
                e.ProjectId,
                e.Title,
                e.Topic,
                TrainingViews.TopicName(e.Topic),
                e.BankIds,
                e.QuestionCount,
                e.PassMark,
                e.Minutes,
                e.MaxAttempts,
                counts.GetValueOrDefault(e.Id)?.Assigned ?? 0,
                counts.GetValueOrDefault(e.Id)?.Passed ?? 0
            )),
        ];
    }

    public static async Task<List<AssignmentDto>> AssignmentsAsync(WuyeDb db, IReadOnlyList<ExamAssignment> rows, CancellationToken ct)
    {
        var examIds = rows.Select(a => a.ExamId).Distinct().ToList();
        var exams = await db.Set<Exam>().AsNoTracking().Where(e => examIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var ids = rows.Select(a => a.Id).ToList();
        var open = await db.Set<ExamAttempt>()
            .AsNoTracking()
            .Where(t => ids.Contains(t.AssignmentId) && t.SubmittedAt == null)
            .Select(t => new { t.AssignmentId, t.Id })
            .ToListAsync(ct);
        var awaiting = await db.Set<ExamAttempt>()
            .AsNoTracking()
            .Where(t => ids.Contains(t.AssignmentId) && t.AwaitingMarking)
            .Select(t => t.AssignmentId)
            .ToListAsync(ct);
        return
        [
            .. rows.Where(a => exams.ContainsKey(a.ExamId))
                .Select(a =>
                {
                    var e = exams[a.ExamId];
                    var openId = open.FirstOrDefault(o => o.AssignmentId == a.Id)?.Id;
                    var waits = awaiting.Contains(a.Id);
                    return new AssignmentDto(
                        a.Id,
                        a.ExamId,
                        e.Title,
                        a.StaffMemberId,
                        a.PersonName,
                        a.FindingId,
                        a.Reason,
                        a.DueOn,
                        a.Attempts,
                        e.MaxAttempts,
                        a.BestScore,
                        e.PassMark,
                        e.QuestionCount,
                        e.Minutes,
                        a.Passed,
                        a.PassedAt,
                        openId is not null || (!waits && a.CanStart(e)),
                        openId,
                        waits
                    );
                }),
        ];
    }

    /// <summary>One attempt as shown: the reference answers of open questions only to someone who may mark it.</summary>
    public static async Task<AttemptDto> AttemptAsync(WuyeDb db, ExamAttempt t, CancellationToken ct)
    {
        var assignment = await db.Set<ExamAssignment>().AsNoTracking().FirstAsync(a => a.Id == t.AssignmentId, ct);
        var forMarker = assignment.MayBeMarkedBy(StaffRoles.Kept(db.Scope), db.Scope.UserId);
        var exam = await db.Set<Exam>().AsNoTracking().FirstAsync(e => e.Id == assignment.ExamId, ct);
        var ids = t.QuestionIds;
        var questions = await db.Set<Question>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var done = !t.IsOpen;
        return new AttemptDto(
            t.Id,
            t.AssignmentId,
            exam.Title,
            t.Number,
            exam.MaxAttempts,
            t.StartedAt,
            t.DeadlineAt,
            t.SubmittedAt,
            t.Score,
            exam.PassMark,
            t.Passed,
            t.TimedOut,
            t.AwaitingMarking,
            assignment.PersonName,
            assignment.UserId,
            t.MarkedByName,
            t.MarkedAt,
            [
                .. t
                    .QuestionIds.Select((id, i) => (id, i))
                    .Where(x => questions.ContainsKey(x.id))
                    .Select(x =>
                    {
                        var q = questions[x.id];
                        return new PaperQuestionDto(
                            q.Id,
                            q.Kind,
                            KindName(q.Kind),
                            q.Text,
                            q.Options,
                            done ? Indexes(t.Answers[x.i]) : [],
                            done && !q.IsOpen ? q.IsRight(t.Answers[x.i]) : null,
                            done && q.IsOpen ? t.Texts.ElementAtOrDefault(x.i) ?? "" : null,
                            forMarker && done && q.IsOpen ? q.ReferenceAnswer : null,
                            q.IsOpen && t.Marks is { } marks ? marks.ElementAtOrDefault(x.i) : null
                        );
                    }),
            ]
        );
    }
}
