using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Domain;

internal enum NoticeStatus
{
    Open,
    Replied,
    Closed,
}

internal enum SuggestionOutcome
{
    Acknowledged,
    Implemented,
}

/// <summary>
/// 工作改进通知单 for a finding, closed only by a second verification (二次验证). Rectifications and
/// deductions ask for a fix; a suggestion asks the project to acknowledge or implement it
/// (<see cref="ReplyOutcome"/>), and is closed the same way, so closure = closed / (suggestions + deductions)
/// as seed 004 writes it can reach 100%.
/// </summary>
internal sealed class ImprovementNotice : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid FindingId { get; set; }
    public required string Number { get; set; }
    public Guid ResponsibleUserId { get; set; }
    public required string ResponsibleName { get; set; }
    public required string RequiredAction { get; set; }
    public DateOnly Deadline { get; set; }
    public DateOnly ReverifyOn { get; set; }
    public NoticeStatus Status { get; set; }

    /// <summary>1 at issue, +1 each time a verification reopens it.</summary>
    public int Round { get; set; } = 1;
    public string? ReplyText { get; set; }

    /// <summary>For a suggestion: acknowledged (采纳，待落实) or implemented (已落实).</summary>
    public SuggestionOutcome? ReplyOutcome { get; set; }
    public Guid[] ReplyPhotoIds { get; set; } = [];
    public Guid? RepliedBy { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public Guid? VerifiedBy { get; set; }
    public string? VerifierName { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerificationNote { get; set; }

    /// <summary>Days a suggestion's follow-up runs when the inspector sets no deadline.</summary>
    public const int SuggestionDays = 7;

    /// <summary>What a notice asks when the inspector wrote no required action (a suggestion).</summary>
    public const string DefaultAction = "研究并采纳该建议，回复采纳或落实情况";

    /// <summary>
    /// A notice for a new finding: GJ + China date + the company's running number. A suggestion is followed up
    /// like a fix (seed 004: every problem gets its 二次验证 date), a week unless told; verification on the deadline unless told.
    /// </summary>
    public static ImprovementNotice Issue(
        Finding finding,
        int number,
        DateOnly today,
        Guid responsible,
        string responsibleName,
        string? requiredAction,
        DateOnly? deadline,
        DateOnly? reverifyOn
    )
    {
        var due = deadline ?? today.AddDays(SuggestionDays);
        return new ImprovementNotice
        {
            CompanyId = finding.CompanyId,
            ProjectId = finding.ProjectId,
            FindingId = finding.Id,
            Number = $"GJ{today:yyyyMMdd}-{number:D4}",
            ResponsibleUserId = responsible,
            ResponsibleName = responsibleName,
            RequiredAction = string.IsNullOrWhiteSpace(requiredAction) ? DefaultAction : requiredAction.Trim(),
            Deadline = due,
            ReverifyOn = reverifyOn ?? due,
            Status = NoticeStatus.Open,
        };
    }

    /// <summary>Open and past its deadline.</summary>
    public bool IsOverdue(DateOnly today) => Status == NoticeStatus.Open && Deadline < today;

    /// <summary>Only an open notice takes a reply, and only from the responsible person or the project's manager.</summary>
    public void EnsureCanReply(Guid by, bool byProjectManager)
    {
        if (Status != NoticeStatus.Open)
            throw new RuleException(
                "improvement_notice.not_open",
                "该通知单不在待整改状态，不能回复",
                "The notice is not open for a reply"
            );
        if (ResponsibleUserId != by && !byProjectManager)
            throw new RuleException(
                "improvement_notice.not_responsible",
                "只有责任人或项目经理可以回复整改情况",
                "Only the responsible person or the project manager may reply"
            );
    }

    /// <summary>The fix is reported: a suggestion says whether it was acknowledged or implemented, a fix says nothing of the
    /// kind.</summary>
    public void Reply(
        Guid by,
        bool byProjectManager,
        FindingType findingType,
        SuggestionOutcome? outcome,
        string text,
        Guid[] photoIds,
        DateTimeOffset now
    )
    {
        EnsureCanReply(by, byProjectManager);
        if (findingType == FindingType.Suggestion && outcome is null)
            throw ValidationException.For(
                "outcome",
                "请说明建议是已采纳还是已落实",
                "Say whether the suggestion was acknowledged or implemented"
            );
        if (findingType != FindingType.Suggestion && outcome is not null)
            throw ValidationException.For("outcome", "只有建议项需要填写采纳情况", "Only a suggestion takes an outcome");
        ReplyOutcome = outcome;
        ReplyText = text.Trim();
        ReplyPhotoIds = photoIds;
        RepliedBy = by;
        RepliedAt = now;
        Status = NoticeStatus.Replied;
    }

    /// <summary>
    /// Second verification (二次验证): only of a reported fix, by someone other than the fixer, on or after its date.
    /// Passed closes the notice and its finding; not passed reopens it for another round with a new deadline.
    /// </summary>
    public void Verify(
        Finding finding,
        Guid by,
        string verifierName,
        DateOnly today,
        DateTimeOffset now,
        bool passed,
        string? note,
        DateOnly? newDeadline,
        DateOnly? newReverifyOn
    )
    {
        if (Status != NoticeStatus.Replied)
            throw new RuleException(
                "improvement_notice.not_replied",
                "整改情况尚未回复（或已关闭），不能进行二次验证",
                "The fix has not been reported (or the notice is closed); nothing to verify"
            );
        if (RepliedBy == by)
            throw new RuleException(
                "improvement_notice.verifier_is_fixer",
                "二次验证须由整改人以外的人员进行",
                "The second verification must be done by someone other than the person who fixed it"
            );
        if (today < ReverifyOn)
            throw new RuleException(
                "improvement_notice.reverify_not_due",
                $"二次验证日期为 {ReverifyOn:yyyy-MM-dd}，尚未到期",
                $"The verification is set for {ReverifyOn:yyyy-MM-dd}; it is not due yet"
            );
        if (!passed && newDeadline is null)
            throw ValidationException.For("newDeadline", "请填写新的整改期限", "New deadline is required");
        if (!passed)
            new Validator()
                .Ahead("newDeadline", newDeadline, today, "新的整改期限", "The new deadline")
                .Ahead("newReverifyOn", newReverifyOn, today, "二次验证日期", "The verification date")
                .ThrowIfAny();
        VerifiedBy = by;
        VerifierName = verifierName;
        VerifiedAt = now;
        VerificationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (passed)
        {
            Status = NoticeStatus.Closed;
            finding.ClosedAt = now;
        }
        else
        {
            Status = NoticeStatus.Open;
            Round++;
            Deadline = newDeadline!.Value;
            ReverifyOn = newReverifyOn ?? newDeadline.Value;
        }
    }
}
