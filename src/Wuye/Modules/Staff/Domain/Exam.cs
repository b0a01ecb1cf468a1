using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>单选 (one right option), 多选 (one or more, all of them and only them to score), 判断 (true or false).</summary>
internal enum QuestionKind
{
    Single,
    Multiple,
    TrueFalse,
}

/// <summary>题库: the questions of one topic (应知应会 of a team, complaint reply scripts…) of a project or of the company.</summary>
internal sealed class QuestionBank : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Title { get; set; }
    public TrainingTopic Topic { get; set; }

    public Question Add(QuestionKind kind, string text, string[]? options, int[]? correct) =>
        Question.Write(this, kind, text, options, correct);
}

/// <summary>
/// One question of a bank: its text, its options (判断: 正确/错误) and the right ones as a bit mask (bit i = option i), so a
/// person's answer is graded by comparing two numbers.
/// </summary>
internal sealed class Question : Entity, IScoped
{
    public const int MaxOptions = 6;
    public static readonly string[] TrueFalseOptions = ["正确", "错误"];

    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid BankId { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    public string[] Options { get; set; } = [];
    public int Correct { get; set; }

    public bool IsRight(int answer) => answer == Correct;

    public static int Mask(IEnumerable<int> choices) => choices.Distinct().Aggregate(0, (m, i) => m | (1 << i));

    public static Question Write(QuestionBank bank, QuestionKind kind, string text, string[]? options, int[]? correct)
    {
        var opts =
            kind == QuestionKind.TrueFalse ? TrueFalseOptions : [.. (options ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0)];
        if (opts.Length is < 2 or > MaxOptions)
            throw ValidationException.For("options", "请填写 2 到 6 个选项", "Give 2 to 6 options");
        if (opts.Any(o => o.Length > 200))
            throw ValidationException.For("options", "每个选项最多 200 字", "Each option is at most 200 characters");
        var right = (correct ?? []).Distinct().ToArray();
        if (right.Length == 0 || right.Any(i => i < 0 || i >= opts.Length))
            throw ValidationException.For("correct", "请选出正确答案", "Mark the right answer");
        if (kind != QuestionKind.Multiple && right.Length != 1)
            throw ValidationException.For(
                "correct",
                "单选题和判断题只有一个正确答案",
                "A single-choice or true/false question has one right answer"
            );
        return new Question
        {
            CompanyId = bank.CompanyId,
            ProjectId = bank.ProjectId,
            BankId = bank.Id,
            Kind = kind,
            Text = text.Trim(),
            Options = opts,
            Correct = Mask(right),
        };
    }
}

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
        BestScore = BestScore is { } best && best >= attempt.Score!.Value ? best : attempt.Score;
        if (attempt.Passed == true)
            PassedAt ??= attempt.SubmittedAt;
    }
}

/// <summary>One sitting: the questions drawn in their order, the answers (bit masks), the deadline, the score and the result.</summary>
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
        DateTimeOffset now
    )
    {
        if (!IsOpen)
            throw new RuleException("exam.submitted", "本次考试已交卷", "This attempt has already been handed in");
        TimedOut = IsOverdue(now);
        Answers = [.. QuestionIds.Select(q => !TimedOut && answers.TryGetValue(q, out var a) ? Question.Mask(a) : 0)];
        var right = QuestionIds.Select((q, i) => questions.TryGetValue(q, out var question) && question.IsRight(Answers[i])).Count(r => r);
        Score = QuestionIds.Length == 0 ? 0 : Math.Round(100m * right / QuestionIds.Length, 1);
        Passed = Score >= exam.PassMark;
        SubmittedAt = TimedOut ? DeadlineAt : now;
    }
}
