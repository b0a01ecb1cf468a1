using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Onboarding;

internal sealed record GuideStepDto(
    Guid Id,
    int Position,
    string Title,
    string? Instructions,
    int DueDay,
    OnboardingStepKind Kind,
    TrainingTopic? TrainingTopic,
    Guid? ExamId
);

internal sealed record GuideDto(Guid Id, Guid CompanyId, Guid? ProjectId, string Post, string Title, List<GuideStepDto> Steps);

internal sealed record PlanStepDto(
    Guid Id,
    int Position,
    string Title,
    string? Instructions,
    OnboardingStepKind Kind,
    TrainingTopic? TrainingTopic,
    Guid? ExamId,
    DateOnly DueOn,
    DateTimeOffset? DoneAt,
    string? DoneByName,
    bool Overdue
);

internal sealed record PlanDto(
    Guid Id,
    Guid ProjectId,
    string? ProjectName,
    Guid StaffMemberId,
    Guid? UserId,
    string PersonName,
    Guid GuideId,
    string GuideTitle,
    DateOnly StartsOn,
    int Done,
    int Total,
    int Overdue,
    DateTimeOffset? CompletedAt,
    List<PlanStepDto> Steps
);

/// <summary>The onboarding plans a reader may see, their progress from the records, and how they are shown.</summary>
internal static class OnboardingViews
{
    public const string Page = "/staff/onboarding";

    /// <summary>Keepers see the plans of the places they keep; anyone else their own plan.</summary>
    public static IQueryable<OnboardingPlan> Visible(WuyeDb db)
    {
        var all = db.Set<OnboardingPlan>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects) = (kept.Companies, kept.Projects);
        var me = db.Scope.UserId;
        return all.Where(p => companies.Contains(p.CompanyId) || projects.Contains(p.ProjectId) || (p.UserId != null && p.UserId == me));
    }

    /// <summary>
    /// Marks done the training and exam steps of <paramref name="steps"/> whose records show a pass: an exam step when the exam
    /// assignment made for it is passed, a training step when the person passed a session of its topic held on or after the
    /// plan's start. Read past the reader's scope, keyed by the plans the caller already holds; returns how many changed.
    /// </summary>
    public static async Task<int> ApplyRecordsAsync(
        WuyeDb db,
        IReadOnlyCollection<OnboardingPlan> plans,
        IReadOnlyCollection<OnboardingStep> steps,
        CancellationToken ct
    )
    {
        var open = steps.Where(s => s.DoneAt == null && s.Kind != OnboardingStepKind.Practice).ToList();
        if (open.Count == 0)
            return 0;
        var byId = plans.ToDictionary(p => p.Id);
        var assignmentIds = open.Where(s => s.ExamAssignmentId != null).Select(s => s.ExamAssignmentId!.Value).ToList();
        var passedExams = await db.Set<ExamAssignment>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(a => assignmentIds.Contains(a.Id) && a.PassedAt != null)
            .ToDictionaryAsync(a => a.Id, a => a.PassedAt!.Value, ct);
        var people = plans.Select(p => p.StaffMemberId).Distinct().ToList();
        var passedTrainings = await db.Set<TrainingAttendance>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(a => people.Contains(a.StaffMemberId) && a.Passed == true)
            .Join(
                db.Set<TrainingSession>().IgnoreQueryFilters(),
                a => a.SessionId,
                s => s.Id,
                (a, s) =>
                    new
                    {
                        a.StaffMemberId,
                        s.Topic,
                        s.HeldOn,
                        a.UpdatedAt,
                    }
            )
            .ToListAsync(ct);
        var changed = 0;
        foreach (var step in open)
        {
            if (!byId.TryGetValue(step.PlanId, out var plan))
                continue;
            if (step.Kind == OnboardingStepKind.Exam && step.ExamAssignmentId is { } a && passedExams.TryGetValue(a, out var at))
                changed += step.DoneByRecord(at, "考试通过") ? 1 : 0;
            else if (
                step.Kind == OnboardingStepKind.Training
                && passedTrainings
                    .Where(t => t.StaffMemberId == plan.StaffMemberId && t.Topic == step.TrainingTopic && t.HeldOn >= plan.StartsOn)
                    .OrderBy(t => t.HeldOn)
                    .FirstOrDefault()
                    is { } passed
            )
                changed += step.DoneByRecord(passed.UpdatedAt, "培训合格") ? 1 : 0;
        }
        return changed;
    }

    /// <summary>The plans with their steps (progress from the records, not saved), newest start first.</summary>
    public static async Task<List<PlanDto>> ToDtosAsync(
        WuyeDb db,
        IReadOnlyList<OnboardingPlan> plans,
        DateOnly today,
        CancellationToken ct
    )
    {
        var ids = plans.Select(p => p.Id).ToList();
        var steps = await db.Set<OnboardingStep>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(s => ids.Contains(s.PlanId))
            .OrderBy(s => s.Position)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
        await ApplyRecordsAsync(db, plans, steps, ct);
        var projectIds = plans.Select(p => p.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var byPlan = steps.ToLookup(s => s.PlanId);
        return
        [
            .. plans.Select(p =>
            {
                var mine = byPlan[p.Id].ToList();
                return new PlanDto(
                    p.Id,
                    p.ProjectId,
                    names.GetValueOrDefault(p.ProjectId),
                    p.StaffMemberId,
                    p.UserId,
                    p.PersonName,
                    p.GuideId,
                    p.GuideTitle,
                    p.StartsOn,
                    mine.Count(s => s.DoneAt != null),
                    mine.Count,
                    mine.Count(s => s.Overdue(today)),
                    OnboardingPlan.CompletionOf(mine),
                    [
                        .. mine.Select(s => new PlanStepDto(
                            s.Id,
                            s.Position,
                            s.Title,
                            s.Instructions,
                            s.Kind,
                            s.TrainingTopic,
                            s.ExamId,
                            s.DueOn,
                            s.DoneAt,
                            s.DoneByName,
                            s.Overdue(today)
                        )),
                    ]
                );
            }),
        ];
    }

    public static string KindName(OnboardingStepKind kind) =>
        kind switch
        {
            OnboardingStepKind.Practice => Loc.T("岗位实操", "Practice"),
            OnboardingStepKind.Training => Loc.T("培训合格", "Training"),
            _ => Loc.T("考试通过", "Exam"),
        };
}
