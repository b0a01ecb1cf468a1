using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.ListDueChecks;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.InspectionHomeTasks;

/// <summary>
/// What waits for each role in the inspections: improvement notices to answer (the responsible person's, and a
/// project manager's for his projects), fixes to verify on or after their date, today's due checks, and the
/// site surveys falling due. Each line links to the page that shows the task.
/// </summary>
internal sealed class InspectionHomeTasks(WuyeDb db, TimeProvider clock, DueChecks dueChecks) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        var tasks = new List<HomeTask>();
        if (scope.UserId is not { } me || !InspectionRoles.Responsible.Contains(role))
            return tasks;
        var today = ChinaTime.Today(clock);
        var notices = db.Set<ImprovementNotice>().AsNoTracking();

        // Notices to answer: the person named responsible; a project manager answers for his projects too.
        var managed =
            role == Roles.ProjectManager
                ? await db
                    .RoleAssignments.AsNoTracking()
                    .Where(r => r.UserId == me && r.Role == Roles.ProjectManager && r.ProjectId != null)
                    .Select(r => r.ProjectId!.Value)
                    .ToListAsync(ct)
                : [];
        var toAnswer = notices.Where(n => n.Status == NoticeStatus.Open && (n.ResponsibleUserId == me || managed.Contains(n.ProjectId)));
        // Staff who seldom get a notice (a technician, the desk) see the line only when one waits; managers and inspectors always.
        var waiting = await toAnswer.CountAsync(ct);
        if (waiting > 0 || InspectionRoles.Inspectors.Contains(role))
            tasks.Add(new(Loc.T("待整改的改进通知单", "Improvement notices to fix"), waiting, NoticeLinks.ToAnswer));
        var late = await toAnswer.CountAsync(n => n.Deadline < today, ct);
        if (late > 0)
            tasks.Add(new(Loc.T("改进通知单已逾期", "Improvement notices past their deadline"), late, NoticeLinks.ToAnswer, Urgent: true));

        if (role == Roles.QualityInspector || role == Roles.ProjectManager)
        {
            // Fixes reported and due for the second verification: the inspector's own findings; a project manager's projects (not his own
            // fixes).
            var toVerify = notices.Where(n => n.Status == NoticeStatus.Replied && n.ReverifyOn <= today && n.RepliedBy != me);
            toVerify =
                role == Roles.QualityInspector
                    ? toVerify.Where(n => db.Set<Finding>().Any(f => f.Id == n.FindingId && f.InspectorUserId == me))
                    : toVerify.Where(n => managed.Contains(n.ProjectId));
            tasks.Add(new(Loc.T("待二次验证的改进通知单", "Fixes to verify"), await toVerify.CountAsync(ct), NoticeLinks.ToVerify));
        }
        if (role == Roles.QualityInspector)
        {
            tasks.Add(new(Loc.T("今日待核查", "Checks due today"), (await dueChecks.DueAsync(null, today, ct)).Count, "/inspections"));
            var surveys = await SiteSurveys.ScheduleAsync(db, clock, null, ct);
            var soon = clock.GetUtcNow().AddDays(7);
            tasks.Add(
                new(
                    Loc.T("待做的驻点满意度调查", "Site surveys due"),
                    surveys.Count(s => s.Status == "overdue" || (s.Status == "due" && s.DueAt <= soon)),
                    "/inspections/supervision",
                    Urgent: surveys.Any(s => s.Status == "overdue")
                )
            );
        }
        return tasks;
    }
}

/// <summary>Where a notice's person acts on it: the links of the to-do list and of the notifications.</summary>
internal static class NoticeLinks
{
    public const string ToAnswer = "/inspections/notices?status=open&mine=true";
    public const string ToVerify = "/inspections/notices?status=replied&mine=true";

    public static string To(ImprovementNotice n, bool verify) => $"{(verify ? ToVerify : ToAnswer)}#n-{n.Id}";
}
