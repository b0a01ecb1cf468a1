using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Inspections.Domain;

/// <summary>The improvement notice's lifecycle: issue, reply, second verification (close or reopen). No database.</summary>
public sealed class ImprovementNoticeTests
{
    private static readonly DateOnly Today = new(2026, 11, 19);
    private static readonly DateTimeOffset Now = new(2026, 11, 19, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Responsible = Guid.NewGuid();
    private static readonly Guid Inspector = Guid.NewGuid();

    private static Finding NewFinding(FindingType type = FindingType.Rectification) =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            InspectionId = Guid.NewGuid(),
            ResultId = Guid.NewGuid(),
            InspectorUserId = Inspector,
            FoundOn = Today,
            Type = type,
            Description = "地面有积水",
        };

    private static ImprovementNotice Issue(Finding f, DateOnly? deadline = null, DateOnly? reverifyOn = null) =>
        ImprovementNotice.Issue(f, 7, Today, Responsible, "责任人", "清理积水", deadline ?? Today.AddDays(3), reverifyOn);

    private static ImprovementNotice Replied(Finding f, DateOnly? reverifyOn = null)
    {
        var n = Issue(f, Today.AddDays(3), reverifyOn);
        n.Reply(Responsible, false, f.Type, null, " 已清理 ", [], Now);
        return n;
    }

    [Fact]
    public void Issue_numbers_the_notice_and_defaults_deadline_action_and_verification_date()
    {
        var f = NewFinding(FindingType.Suggestion);
        var n = ImprovementNotice.Issue(f, 12, Today, Responsible, "责任人", null, null, null);
        Assert.Equal("GJ20261119-0012", n.Number);
        Assert.Equal(Today.AddDays(ImprovementNotice.SuggestionDays), n.Deadline);
        Assert.Equal(n.Deadline, n.ReverifyOn);
        Assert.Equal(ImprovementNotice.DefaultAction, n.RequiredAction);
        Assert.Equal(NoticeStatus.Open, n.Status);
        Assert.Equal(1, n.Round);
        Assert.Equal((f.CompanyId, f.ProjectId, f.Id), (n.CompanyId, n.ProjectId, n.FindingId));
        Assert.Equal(
            Today.AddDays(5),
            ImprovementNotice.Issue(f, 1, Today, Responsible, "x", "做", Today.AddDays(3), Today.AddDays(5)).ReverifyOn
        );
    }

    [Fact]
    public void Overdue_means_open_and_past_the_deadline()
    {
        var n = Issue(NewFinding(), Today);
        Assert.False(n.IsOverdue(Today));
        Assert.True(n.IsOverdue(Today.AddDays(1)));
        n.Reply(Responsible, false, FindingType.Rectification, null, "done", [], Now);
        Assert.False(n.IsOverdue(Today.AddDays(1)));
    }

    [Fact]
    public void The_responsible_person_or_the_project_manager_replies_to_an_open_notice()
    {
        var f = NewFinding();
        var n = Issue(f);
        var photo = Guid.NewGuid();
        n.Reply(Responsible, false, f.Type, null, " 已清理 ", [photo], Now);
        Assert.Equal(NoticeStatus.Replied, n.Status);
        Assert.Equal("已清理", n.ReplyText);
        Assert.Equal([photo], n.ReplyPhotoIds);
        Assert.Equal((Responsible, Now), (n.RepliedBy!.Value, n.RepliedAt!.Value));

        var byManager = Issue(f);
        var manager = Guid.NewGuid();
        byManager.Reply(manager, true, f.Type, null, "done", [], Now);
        Assert.Equal(manager, byManager.RepliedBy);
    }

    [Fact]
    public void A_reply_is_refused_from_others_and_once_replied()
    {
        var f = NewFinding();
        var n = Issue(f);
        var e = Assert.Throws<RuleException>(() => n.Reply(Guid.NewGuid(), false, f.Type, null, "x", [], Now));
        Assert.Equal("improvement_notice.not_responsible", e.Code);
        Assert.Equal(NoticeStatus.Open, n.Status);
        n.Reply(Responsible, false, f.Type, null, "x", [], Now);
        Assert.Equal(
            "improvement_notice.not_open",
            Assert.Throws<RuleException>(() => n.Reply(Responsible, false, f.Type, null, "y", [], Now)).Code
        );
        Assert.Equal("improvement_notice.not_open", Assert.Throws<RuleException>(() => n.EnsureCanReply(Responsible, true)).Code);
    }

    [Fact]
    public void Only_a_suggestion_takes_an_outcome_and_it_must()
    {
        var suggestion = NewFinding(FindingType.Suggestion);
        var n = Issue(suggestion);
        var missing = Assert.Throws<ValidationException>(() => n.Reply(Responsible, false, FindingType.Suggestion, null, "x", [], Now));
        Assert.Contains("outcome", missing.Errors.Keys);
        Assert.Equal(NoticeStatus.Open, n.Status);
        n.Reply(Responsible, false, FindingType.Suggestion, SuggestionOutcome.Implemented, "x", [], Now);
        Assert.Equal(SuggestionOutcome.Implemented, n.ReplyOutcome);

        var fix = Issue(NewFinding(FindingType.Deduction));
        Assert.Contains(
            "outcome",
            Assert
                .Throws<ValidationException>(() =>
                    fix.Reply(Responsible, false, FindingType.Deduction, SuggestionOutcome.Acknowledged, "x", [], Now)
                )
                .Errors.Keys
        );
    }

    [Fact]
    public void A_passed_verification_by_someone_else_on_its_date_closes_the_notice_and_the_finding()
    {
        var f = NewFinding();
        var n = Replied(f, Today.AddDays(3));
        var at = Now.AddDays(3);
        n.Verify(f, Inspector, "核查员", Today.AddDays(3), at, true, "  good ", null, null);
        Assert.Equal(NoticeStatus.Closed, n.Status);
        Assert.Equal(at, f.ClosedAt);
        Assert.Equal((Inspector, "核查员", at, "good"), (n.VerifiedBy!.Value, n.VerifierName!, n.VerifiedAt!.Value, n.VerificationNote!));
        Assert.Equal(
            "improvement_notice.not_replied",
            Assert.Throws<RuleException>(() => n.Verify(f, Inspector, "核查员", Today.AddDays(4), at, true, null, null, null)).Code
        );
    }

    [Fact]
    public void A_failed_verification_reopens_the_notice_for_another_round()
    {
        var f = NewFinding();
        var n = Replied(f, Today);
        n.Verify(f, Inspector, "核查员", Today, Now, false, null, Today.AddDays(5), null);
        Assert.Equal(NoticeStatus.Open, n.Status);
        Assert.Equal(2, n.Round);
        Assert.Equal(Today.AddDays(5), n.Deadline);
        Assert.Equal(Today.AddDays(5), n.ReverifyOn);
        Assert.Null(f.ClosedAt);
        n.Reply(Responsible, false, f.Type, null, "again", [], Now);
        n.Verify(f, Inspector, "核查员", Today.AddDays(5), Now, false, null, Today.AddDays(6), Today.AddDays(8));
        Assert.Equal((3, Today.AddDays(8)), (n.Round, n.ReverifyOn));
    }

    [Fact]
    public void Verification_is_refused_before_a_reply_by_the_fixer_before_its_date_and_with_a_past_deadline()
    {
        var f = NewFinding();
        var open = Issue(f);
        Assert.Equal(
            "improvement_notice.not_replied",
            Assert.Throws<RuleException>(() => open.Verify(f, Inspector, "x", Today.AddDays(9), Now, true, null, null, null)).Code
        );

        var n = Replied(f, Today.AddDays(3));
        Assert.Equal(
            "improvement_notice.verifier_is_fixer",
            Assert.Throws<RuleException>(() => n.Verify(f, Responsible, "x", Today.AddDays(3), Now, true, null, null, null)).Code
        );
        var early = Assert.Throws<RuleException>(() => n.Verify(f, Inspector, "x", Today.AddDays(2), Now, true, null, null, null));
        Assert.Equal("improvement_notice.reverify_not_due", early.Code);
        Assert.Contains(Today.AddDays(3).ToString("yyyy-MM-dd"), early.Text.Zh);
        Assert.Contains(
            "newDeadline",
            Assert
                .Throws<ValidationException>(() => n.Verify(f, Inspector, "x", Today.AddDays(3), Now, false, null, Today.AddDays(2), null))
                .Errors.Keys
        );
        Assert.Equal(NoticeStatus.Replied, n.Status);
        Assert.Null(n.VerifiedBy);
    }
}
