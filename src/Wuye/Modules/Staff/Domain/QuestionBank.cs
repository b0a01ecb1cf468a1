using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>
/// 单选 (one right option), 多选 (one or more, all of them and only them to score), 判断 (true or false), 问答 (an open question:
/// written answer, marked by a marker against the reference answer).
/// </summary>
internal enum QuestionKind
{
    Single,
    Multiple,
    TrueFalse,
    Open,
}

/// <summary>
/// 题库: the questions of one topic (应知应会 of a team, complaint reply scripts…) of a project or of the company. Versioned:
/// editing or removing a question makes a new version (<see cref="Revision"/>, <see cref="ChangedAt"/>); question rows are never
/// changed in place — an edit retires the old row and adds a new one — so attempts keep the exact questions they were drawn with.
/// </summary>
internal sealed class QuestionBank : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Title { get; set; }
    public TrainingTopic Topic { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? ChangedAt { get; set; }

    /// <summary>Edits a question: the old row retires, a new row (the new text) is added; the bank moves to its next version.</summary>
    public Question Edit(
        Question old,
        QuestionKind kind,
        string text,
        string[]? options,
        int[]? correct,
        string? referenceAnswer,
        DateTimeOffset now
    )
    {
        var fresh = Question.Write(this, kind, text, options, correct, referenceAnswer);
        Remove(old, now);
        return fresh;
    }

    /// <summary>Removes a question: the row retires (attempts drawn with it keep it); the bank moves to its next version.</summary>
    public void Remove(Question question, DateTimeOffset now)
    {
        if (question.BankId != Id)
            throw new NotFoundException("question");
        if (question.RetiredAt is not null)
            throw new RuleException("question.retired", "该题已被修改或删除", "This question has already been edited or removed");
        question.RetiredAt = now;
        Revision++;
        ChangedAt = now;
    }

    public Question Add(QuestionKind kind, string text, string[]? options, int[]? correct, string? referenceAnswer = null) =>
        Question.Write(this, kind, text, options, correct, referenceAnswer);
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

    /// <summary>参考答案: what the marker compares an open question's written answer with (open questions only).</summary>
    public string? ReferenceAnswer { get; set; }

    /// <summary>When an edit or removal retired this row: new attempts no longer draw it; attempts drawn with it keep it.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    public bool IsOpen => Kind == QuestionKind.Open;

    public bool IsRight(int answer) => !IsOpen && answer == Correct;

    public static int Mask(IEnumerable<int> choices) => choices.Distinct().Aggregate(0, (m, i) => m | (1 << i));

    public static Question Write(
        QuestionBank bank,
        QuestionKind kind,
        string text,
        string[]? options,
        int[]? correct,
        string? referenceAnswer = null
    )
    {
        if (kind == QuestionKind.Open)
        {
            var reference = referenceAnswer?.Trim() ?? "";
            if (reference.Length == 0)
                throw ValidationException.For("referenceAnswer", "请填写参考答案", "Give the reference answer");
            if (reference.Length > 1000)
                throw ValidationException.For("referenceAnswer", "参考答案最多 1000 字", "The reference answer is at most 1000 characters");
            return new Question
            {
                CompanyId = bank.CompanyId,
                ProjectId = bank.ProjectId,
                BankId = bank.Id,
                Kind = kind,
                Text = text.Trim(),
                Options = [],
                Correct = 0,
                ReferenceAnswer = reference,
            };
        }
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
