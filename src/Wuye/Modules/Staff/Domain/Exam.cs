using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>
/// 考试: a paper of <see cref="QuestionCount"/> questions drawn at random from its banks for each attempt, a pass mark out of
/// 100, a time limit and how many attempts a person has.
/// </summary>
internal sealed class Exam : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Title { get; set; }
    public TrainingTopic Topic { get; set; }
    public Guid[] BankIds { get; set; } = [];
    public int QuestionCount { get; set; }
    public decimal PassMark { get; set; }
    public int Minutes { get; set; }
    public int MaxAttempts { get; set; }

    public static Exam Create(
        Guid companyId,
        Guid? projectId,
        string title,
        TrainingTopic topic,
        Guid[] bankIds,
        int questionCount,
        int available,
        decimal passMark,
        int minutes,
        int maxAttempts
    )
    {
        if (questionCount is < 1 or > 100)
            throw ValidationException.For("questionCount", "题量须在 1 到 100 之间", "1 to 100 questions");
        if (questionCount > available)
            throw ValidationException.For(
                "questionCount",
                $"所选题库只有 {available} 道题",
                $"The chosen banks hold only {available} questions"
            );
        if (passMark is < 0m or > 100m)
            throw ValidationException.For("passMark", "合格分须在 0 到 100 之间", "The pass mark must be between 0 and 100");
        if (minutes is < 1 or > 180)
            throw ValidationException.For("minutes", "限时须在 1 到 180 分钟之间", "The time limit must be 1 to 180 minutes");
        if (maxAttempts is < 1 or > 10)
            throw ValidationException.For("maxAttempts", "考试次数须在 1 到 10 之间", "1 to 10 attempts");
        return new Exam
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Title = title.Trim(),
            Topic = topic,
            BankIds = bankIds,
            QuestionCount = questionCount,
            PassMark = passMark,
            Minutes = minutes,
            MaxAttempts = maxAttempts,
        };
    }
}

/// <summary>
/// An exam required of one person (a register entry; their account takes it), perhaps because of a QPI deduction finding:
/// tracked to a pass, with the attempts used and the best score. This is the exam line of the person's training record.
/// Not <see cref="IScoped"/>: the person writes it (and their attempts) wherever their own grant sits, zone-level stewards
/// included; every read goes through <c>ExamViews.Assignments</c> (the person's own, or the places a keeper keeps).
/// </summary>
internal sealed class ExamAssignment : Entity
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid ExamId { get; set; }
    public Guid StaffMemberId { get; set; }
    public Guid? UserId { get; set; }
    public required string PersonName { get; set; }
    public Guid? FindingId { get; set; }
    public string? Reason { get; set; }
    public DateOnly? DueOn { get; set; }
    public int Attempts { get; set; }
    public decimal? BestScore { get; set; }
    public DateTimeOffset? PassedAt { get; set; }

    public bool Passed => PassedAt != null;

    public bool CanStart(Exam exam) => !Passed && Attempts < exam.MaxAttempts;

    /// <summary>
    /// 阅卷资格, the one rule of who may mark this person's open answers: a keeper of the person's place (<paramref name="kept"/>,
    /// <see cref="StaffRoles.Kept"/>), never the person themselves.
    /// </summary>
    public MarkRight MarkRightOf(KeptPlaces kept, Guid? markerId) =>
        !kept.Covers(CompanyId, ProjectId) ? MarkRight.NotKeeper
        : UserId is { } own && own == markerId ? MarkRight.OwnPaper
        : MarkRight.May;

    public bool MayBeMarkedBy(KeptPlaces kept, Guid? markerId) => MarkRightOf(kept, markerId) == MarkRight.May;

    /// <summary>The rule as an answer: the paper is not found for one who keeps no register of the place; one's own is refused.</summary>
    public void CheckMarker(KeptPlaces kept, Guid? markerId)
    {
        switch (MarkRightOf(kept, markerId))
        {
            case MarkRight.NotKeeper:
                throw new NotFoundException("exam attempt");
            case MarkRight.OwnPaper:
                throw new ForbiddenException("不能为自己的答卷阅卷", "You may not mark your own attempt");
        }
    }

    /// <summary>Starts an attempt with the questions drawn for it (one attempt used, whether finished or not).</summary>
    public ExamAttempt Start(Exam exam, Guid[] questionIds, DateTimeOffset now)
    {
        if (Passed)
            throw new RuleException("exam.passed", "已通过该考试", "This exam has already been passed");
        if (Attempts >= exam.MaxAttempts)
            throw new RuleException(
                "exam.no_attempts_left",
                $"已用完 {exam.MaxAttempts} 次考试机会",
                $"All {exam.MaxAttempts} attempts have been used"
            );
        Attempts++;
        return new ExamAttempt
        {
            CompanyId = CompanyId,
            ProjectId = ProjectId,
            AssignmentId = Id,
            Number = Attempts,
            StartedAt = now,
            DeadlineAt = now.AddMinutes(exam.Minutes),
            QuestionIds = questionIds,
            Answers = new int[questionIds.Length],
        };
    }

    public void Record(ExamAttempt attempt)
    {
        if (attempt.Score is null)
            return; // awaiting marking: recorded once marked
        BestScore = BestScore is { } best && best >= attempt.Score!.Value ? best : attempt.Score;
        if (attempt.Passed == true)
            PassedAt ??= attempt.SubmittedAt;
    }
}

/// <summary>Whether someone may mark a person's paper (<see cref="ExamAssignment.MarkRightOf"/>).</summary>
internal enum MarkRight
{
    May,

    /// <summary>Not a keeper of the person's place: for them the paper does not exist.</summary>
    NotKeeper,

    /// <summary>The marker's own paper.</summary>
    OwnPaper,
}

/// <summary>
/// One sitting: the questions drawn in their order, the answers (bit masks; an open question's written answer in
/// <see cref="Texts"/>), the deadline, the score and the result. A paper with open questions waits for a marker after hand-in
/// (待阅卷): the choice questions are graded at once, the score and the result when every open answer has its mark.
/// </summary>
internal sealed class ExamAttempt : Entity
{
    /// <summary>A submission this late after the deadline still counts (the page's own submit on the last second).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid AssignmentId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset DeadlineAt { get; set; }
    public Guid[] QuestionIds { get; set; } = [];
    public int[] Answers { get; set; } = [];
    public DateTimeOffset? SubmittedAt { get; set; }
    public decimal? Score { get; set; }
    public bool? Passed { get; set; }
    public bool TimedOut { get; set; }

    /// <summary>The written answers, one per question in order ("" for a choice question).</summary>
    public string[] Texts { get; set; } = [];

    /// <summary>The marker's marks (0 to <see cref="MaxMark"/>) one per question in order (0 for choice questions), once marked.</summary>
    public int[]? Marks { get; set; }

    public bool AwaitingMarking { get; set; }
    public DateTimeOffset? MarkedAt { get; set; }
    public Guid? MarkedById { get; set; }
    public string? MarkedByName { get; set; }

    /// <summary>An open answer is marked out of 10 of the question's equal share of 100.</summary>
    public const int MaxMark = 10;

    public bool IsOpen => SubmittedAt == null;

    public bool IsOverdue(DateTimeOffset now) => now > DeadlineAt + Grace;

    /// <summary>
    /// Grades the answers (question id → chosen option indexes): each question scores when exactly its right options are
    /// chosen; the score is out of 100. Past the deadline the answers no longer count: the attempt closes with nought.
    /// </summary>
    public void Submit(
        Exam exam,
        IReadOnlyDictionary<Guid, Question> questions,
        IReadOnlyDictionary<Guid, int[]> answers,
        DateTimeOffset now,
        IReadOnlyDictionary<Guid, string>? texts = null
    )
    {
        if (!IsOpen)
            throw new RuleException("exam.submitted", "本次考试已交卷", "This attempt has already been handed in");
        TimedOut = IsOverdue(now);
        Answers = [.. QuestionIds.Select(q => !TimedOut && answers.TryGetValue(q, out var a) ? Question.Mask(a) : 0)];
        Texts =
        [
            .. QuestionIds.Select(q =>
                !TimedOut && questions.TryGetValue(q, out var question) && question.IsOpen && texts?.GetValueOrDefault(q) is { } t
                    ? t.Trim()
                    : ""
            ),
        ];
        SubmittedAt = TimedOut ? DeadlineAt : now;
        // Late: every answer, open ones included, counts nought and nothing waits for a marker.
        if (!TimedOut && QuestionIds.Any(q => questions.TryGetValue(q, out var question) && question.IsOpen))
        {
            AwaitingMarking = true;
            return;
        }
        Grade(exam, questions, new int[QuestionIds.Length]);
    }

    /// <summary>
    /// 阅卷: the marker gives each open answer a mark (question id → 0 to 10); the score counts each right choice question as a
    /// full share of 100 and each open one as its mark tenths of a share. Who may mark is the assignment's one rule
    /// (<see cref="ExamAssignment.MarkRightOf"/>): someone who keeps no register of the person's place is told the paper is not
    /// found, the person is refused their own paper.
    /// </summary>
    public void Mark(
        Exam exam,
        ExamAssignment assignment,
        IReadOnlyDictionary<Guid, Question> questions,
        IReadOnlyDictionary<Guid, int> marks,
        KeptPlaces kept,
        Guid markerId,
        string markerName,
        DateTimeOffset now
    )
    {
        assignment.CheckMarker(kept, markerId);
        if (!AwaitingMarking)
            throw IsOpen
                ? new RuleException("exam.not_handed_in", "答卷尚未交卷", "This attempt has not been handed in")
                : new RuleException("exam.marked", "该答卷已阅卷", "This attempt has already been marked");
        var errors = new Dictionary<string, string[]>();
        var given = new int[QuestionIds.Length];
        for (var i = 0; i < QuestionIds.Length; i++)
        {
            if (!questions.TryGetValue(QuestionIds[i], out var q) || !q.IsOpen)
                continue;
            if (!marks.TryGetValue(q.Id, out var m))
                errors[$"marks.{q.Id}"] = [Loc.T("请为该题评分", "Give this answer a mark")];
            else if (m is < 0 or > MaxMark)
                errors[$"marks.{q.Id}"] = [Loc.T($"评分须在 0 到 {MaxMark} 之间", $"A mark is 0 to {MaxMark}")];
            else
                given[i] = m;
        }
        if (errors.Count > 0)
            throw new ValidationException(errors);
        Grade(exam, questions, given);
        AwaitingMarking = false;
        MarkedAt = now;
        MarkedById = markerId;
        MarkedByName = markerName;
    }

    private void Grade(Exam exam, IReadOnlyDictionary<Guid, Question> questions, int[] marks)
    {
        var points = QuestionIds
            .Select(
                (q, i) =>
                    questions.TryGetValue(q, out var question)
                        ? question.IsOpen
                            ? (decimal)marks[i] / MaxMark
                            : question.IsRight(Answers[i])
                                ? 1m
                                : 0m
                        : 0m
            )
            .Sum();
        Marks = marks;
        Score = QuestionIds.Length == 0 ? 0 : Math.Round(100m * points / QuestionIds.Length, 1);
        Passed = Score >= exam.PassMark;
    }
}
