using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

/// <summary>What a care task is about (000#53, #55, #56, #63).</summary>
internal enum CareKind
{
    /// <summary>入住欢迎: a visit within a week of moving in.</summary>
    MoveInWelcome,
    Birthday,
    Holiday,

    /// <summary>保修期满前一个月的提醒.</summary>
    WarrantyExpiry,

    /// <summary>喜事 noted by a steward: a visit to congratulate.</summary>
    Wedding,
    Birth,
    Moving,

    /// <summary>营业执照周年 (写字楼).</summary>
    BusinessAnniversary,

    /// <summary>满意度回访: a survey answered with a detractor's score (NPS 0–6), to visit within 2 working days.</summary>
    SurveyFollowUp,
}

internal enum CareTaskStatus
{
    /// <summary>A visit or call for the steward to make.</summary>
    Open,
    Done,

    /// <summary>A templated message queued to the person (held by quiet hours until 08:00).</summary>
    Sent,

    /// <summary>Not sent on purpose: the person opted out or refused care messages; <see cref="CareTask.Outcome"/> says why.</summary>
    Skipped,
}

/// <summary>
/// 客户关怀: one care occasion for a household — a task for the zone steward (visit, call) or a greeting sent as a templated
/// message. <see cref="Key"/> is unique: the daily job and a steward noting the same event never make two.
/// </summary>
internal sealed class CareTask : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? PersonId { get; set; }
    public CareKind Kind { get; set; }
    public CareTaskStatus Status { get; set; }
    public required string Title { get; set; }

    /// <summary>The occasion's date (the birthday, the move-in, the warranty's end).</summary>
    public DateOnly EventDate { get; set; }

    /// <summary>By when the steward should have done it.</summary>
    public DateOnly DueDate { get; set; }
    public Guid? AssigneeUserId { get; set; }

    /// <summary>What was done, or why a greeting was not sent.</summary>
    public string? Outcome { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>Who noted it (a steward's life event), null when the calendar made it.</summary>
    public string? NotedBy { get; set; }
    public required string Key { get; set; }

    public bool IsGreeting => Kind is CareKind.Birthday or CareKind.Holiday or CareKind.WarrantyExpiry or CareKind.BusinessAnniversary;

    public void Complete(string outcome, DateTimeOffset now)
    {
        if (Status != CareTaskStatus.Open)
            throw new RuleException("care_task.closed", "该关怀任务已处理", "This care task is already closed");
        Status = CareTaskStatus.Done;
        Outcome = outcome;
        DoneAt = now;
    }

    public void Skip(string reason, DateTimeOffset now)
    {
        Status = CareTaskStatus.Skipped;
        Outcome = reason;
        DoneAt = now;
    }

    public void MarkSent(DateTimeOffset now)
    {
        Status = CareTaskStatus.Sent;
        DoneAt = now;
    }
}

/// <summary>上门/电话走访: who visited whom, when, what was asked, and the follow-up promised.</summary>
internal sealed class CareVisit : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CareTaskId { get; set; }
    public Guid? VisitorUserId { get; set; }
    public required string VisitorName { get; set; }
    public DateTimeOffset VisitedAt { get; set; }
    public required string Asked { get; set; }
    public string? FollowUp { get; set; }
    public DateOnly? FollowUpDue { get; set; }
}

internal static class CareKinds
{
    public static string Name(CareKind k) =>
        k switch
        {
            CareKind.MoveInWelcome => Loc.T("入住欢迎", "Move-in welcome"),
            CareKind.Birthday => Loc.T("生日祝福", "Birthday greeting"),
            CareKind.Holiday => Loc.T("节日祝福", "Holiday greeting"),
            CareKind.WarrantyExpiry => Loc.T("保修到期提醒", "Warranty reminder"),
            CareKind.Wedding => Loc.T("新婚祝贺", "Wedding"),
            CareKind.Birth => Loc.T("添丁祝贺", "New baby"),
            CareKind.Moving => Loc.T("乔迁祝贺", "Moving"),
            CareKind.SurveyFollowUp => Loc.T("满意度回访", "Survey follow-up"),
            _ => Loc.T("营业执照周年", "Business anniversary"),
        };

    public static string StatusName(CareTaskStatus s) =>
        s switch
        {
            CareTaskStatus.Open => Loc.T("待办", "To do"),
            CareTaskStatus.Done => Loc.T("已完成", "Done"),
            CareTaskStatus.Sent => Loc.T("已发送", "Sent"),
            _ => Loc.T("未发送", "Not sent"),
        };

    /// <summary>The life events a steward notes (the rest come from the calendar).</summary>
    public static readonly CareKind[] Noted = [CareKind.Wedding, CareKind.Birth, CareKind.Moving];
}
