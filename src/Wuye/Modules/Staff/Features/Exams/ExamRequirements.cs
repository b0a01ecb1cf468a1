using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Exams;

/// <summary>The person an exam is required of: current staff of the exam's place (the caller has checked).</summary>
internal sealed record ExamPerson(Guid StaffMemberId, string Name, Guid? UserId, Guid? ProjectId);

/// <summary>What to do when the person already has the exam to take.</summary>
internal enum WhenAlreadyRequired
{
    /// <summary>Refuse (409, exam.already_required): a keeper requiring the exam by hand.</summary>
    Refuse,

    /// <summary>Use the assignment the person already has (an onboarding plan's exam step is done when that one is passed).</summary>
    UseIt,
}

/// <summary>
/// The one way an exam is required of a person (考试安排), for the exams page and API and for the exam steps of an onboarding plan:
/// at most one open assignment of an exam per person (not passed and attempts left — rule exam.already_required); a new one is
/// added (not saved: the caller saves it with the rest, in one transaction) and the person told.
/// </summary>
internal static class ExamRequirements
{
    /// <summary>The person's open assignment of the exam, if any: not passed, attempts left.</summary>
    public static Task<ExamAssignment?> OpenAsync(WuyeDb db, Exam exam, Guid staffMemberId, CancellationToken ct) =>
        db.Set<ExamAssignment>()
            .Where(a => a.ExamId == exam.Id && a.StaffMemberId == staffMemberId && a.PassedAt == null && a.Attempts < exam.MaxAttempts)
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .FirstOrDefaultAsync(ct);

    public static async Task<ExamAssignment> RequireAsync(
        WuyeDb db,
        Notifier notifier,
        Exam exam,
        ExamPerson person,
        string? reason,
        Guid? findingId,
        DateOnly? dueOn,
        WhenAlreadyRequired already,
        CancellationToken ct
    )
    {
        if (await OpenAsync(db, exam, person.StaffMemberId, ct) is { } open)
            return already == WhenAlreadyRequired.UseIt
                ? open
                : throw new RuleException(
                    "exam.already_required",
                    $"{person.Name} 已有未完成的该考试",
                    $"{person.Name} already has this exam to take"
                );
        var assignment = new ExamAssignment
        {
            CompanyId = exam.CompanyId,
            ProjectId = person.ProjectId ?? exam.ProjectId,
            ExamId = exam.Id,
            StaffMemberId = person.StaffMemberId,
            UserId = person.UserId,
            PersonName = person.Name,
            FindingId = findingId,
            Reason = reason,
            DueOn = dueOn,
        };
        db.Add(assignment);
        if (person.UserId is { } user)
            await notifier.NotifyAsync(
                [user],
                exam.CompanyId,
                $"考试通知：{exam.Title}",
                $"请参加考试“{exam.Title}”：{exam.QuestionCount} 题，限时 {exam.Minutes} 分钟，{exam.PassMark:0.#} 分合格，共 {exam.MaxAttempts} 次机会"
                    + (dueOn is { } due ? $"，请于 {due:yyyy-MM-dd} 前完成" : "")
                    + (reason is null ? "。" : $"。原因：{reason}"),
                ExamViews.Page,
                $"exam-assignment:{assignment.Id:N}",
                ct
            );
        return assignment;
    }
}
