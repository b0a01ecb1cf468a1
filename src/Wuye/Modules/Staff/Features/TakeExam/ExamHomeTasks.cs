using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.TakeExam;

/// <summary>
/// Exams on the to-do lists: each person, their own exams not yet passed with attempts left (urgent when one was required by a
/// QPI deduction); keepers, the exams of the people of their places still to be passed and the papers awaiting marking (待阅卷).
/// </summary>
internal sealed class ExamHomeTasks(WuyeDb db) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var tasks = new List<HomeTask>();
        var exams = db.Set<Exam>().IgnoreQueryFilters();
        var me = scope.UserId;
        var visible = ExamViews.Assignments(db);
        if (StaffRoles.Examinees.Contains(role))
        {
            var mine = visible.Where(a =>
                a.UserId != null && a.UserId == me && a.PassedAt == null && exams.Any(e => e.Id == a.ExamId && a.Attempts < e.MaxAttempts)
            );
            if (await mine.CountAsync(ct) is var count and > 0)
                tasks.Add(
                    new(
                        Loc.T("待参加的考试", "Exams to take"),
                        count,
                        ExamViews.Page,
                        Urgent: await mine.AnyAsync(a => a.FindingId != null, ct)
                    )
                );
        }
        if (StaffRoles.Keepers.Contains(role))
        {
            var others = visible.Where(a => a.UserId == null || a.UserId != me);
            var toMark = await db.Set<ExamAttempt>().CountAsync(t => t.AwaitingMarking && others.Any(a => a.Id == t.AssignmentId), ct);
            if (toMark > 0)
                tasks.Add(new(Loc.T("待阅卷", "Papers to mark"), toMark, ExamViews.Page, Urgent: true));
            tasks.Add(
                new(
                    Loc.T("员工考试未通过", "Staff exams not yet passed"),
                    await visible.CountAsync(a => a.PassedAt == null && (a.UserId == null || a.UserId != me), ct),
                    ExamViews.Page
                )
            );
        }
        return tasks;
    }
}
