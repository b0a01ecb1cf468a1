using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Onboarding;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Jobs;

/// <summary>
/// Hourly, over the onboarding plans under way: marks done the training and exam steps whose records show a pass (and a plan
/// complete when every step is), then tells the person and the project's managers, once per step (its
/// <see cref="OnboardingStep.OverdueNoticeAt"/> and the outbox key), of each step past its due day and not done.
/// </summary>
internal sealed class OnboardingJob(IServiceScopeFactory scopes, ILogger<OnboardingJob> log) : WuyeJob(scopes, log)
{
    public static string Key(Guid stepId) => $"onboarding-overdue:{stepId:N}";

    /// <summary>How many plans are read and saved at a time; every open plan is visited each run, page after page (by id).</summary>
    public const int PageSize = 200;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var acted = 0;
        Guid? after = null;
        while (true)
        {
            var plans = await db.Set<OnboardingPlan>()
                .Where(p => p.CompletedAt == null && (after == null || p.Id > after))
                .OrderBy(p => p.Id)
                .Take(PageSize)
                .ToListAsync(ct);
            if (plans.Count == 0)
                return acted;
            after = plans[^1].Id;
            acted += await PageAsync(db, notifier, plans, now, today, ct);
            db.ChangeTracker.Clear();
            if (plans.Count < PageSize)
                return acted;
        }
    }

    private static async Task<int> PageAsync(
        WuyeDb db,
        Notifier notifier,
        List<OnboardingPlan> plans,
        DateTimeOffset now,
        DateOnly today,
        CancellationToken ct
    )
    {
        var ids = plans.Select(p => p.Id).ToList();
        var steps = await db.Set<OnboardingStep>().Where(s => ids.Contains(s.PlanId)).OrderBy(s => s.Position).ToListAsync(ct);
        var acted = await OnboardingViews.ApplyRecordsAsync(db, plans, steps, ct);
        var byPlan = steps.ToLookup(s => s.PlanId);
        foreach (var plan in plans)
            plan.Update([.. byPlan[plan.Id]]);
        foreach (var plan in plans)
        {
            var overdue = byPlan[plan.Id].Where(s => s.Overdue(today) && s.OverdueNoticeAt == null).ToList();
            if (overdue.Count == 0)
                continue;
            var managers = await db
                .RoleAssignments.AsNoTracking()
                .Where(r => r.CompanyId == plan.CompanyId && r.Role == Roles.ProjectManager && r.ProjectId == plan.ProjectId)
                .Select(r => r.UserId)
                .Distinct()
                .ToListAsync(ct);
            foreach (var step in overdue)
            {
                await notifier.NotifyAsync(
                    [.. managers, .. plan.UserId is { } u ? new[] { u } : []],
                    plan.CompanyId,
                    $"入职计划逾期：{plan.PersonName} {step.Title}",
                    $"{plan.PersonName}的入职计划“{plan.GuideTitle}”第 {step.Position} 步“{step.Title}”应在 "
                        + $"{step.DueOn:yyyy-MM-dd} 前完成，尚未完成。",
                    OnboardingViews.Page,
                    Key(step.Id),
                    ct
                );
                step.OverdueNoticeAt = now;
                acted++;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance told these first (the steps' versions or the outbox keys say so).
            db.ChangeTracker.Clear();
            return 0;
        }
        return acted;
    }
}
