using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Onboarding;

/// <summary>
/// 入职计划 on the home to-do lists: a new employee's steps of their plan still to do (urgent when one is overdue); a keeper's
/// overdue steps of the plans of the places he keeps. Both lead to the onboarding page.
/// </summary>
internal sealed class OnboardingHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (!OnboardingHandler.Readers.Contains(role))
            return [];
        var today = ChinaTime.Today(clock);
        var keeper = StaffRoles.Keepers.Contains(role);
        var me = scope.UserId;
        var plans = await OnboardingViews
            .Visible(db)
            .Where(p => p.CompletedAt == null && (keeper || p.UserId == me))
            .OrderBy(p => p.Id)
            .Take(200)
            .ToListAsync(ct);
        if (plans.Count == 0)
            return keeper ? [new(Loc.T("新员工入职计划逾期步骤", "Overdue onboarding steps"), 0, OnboardingViews.Page)] : [];
        var dtos = await OnboardingViews.ToDtosAsync(db, plans, today, ct);
        if (keeper)
        {
            var overdue = dtos.Sum(p => p.Overdue);
            return [new(Loc.T("新员工入职计划逾期步骤", "Overdue onboarding steps"), overdue, OnboardingViews.Page, overdue > 0)];
        }
        var mine = dtos.Where(p => p.UserId == me).ToList();
        var left = mine.Sum(p => p.Total - p.Done);
        return left == 0
            ? []
            : [new(Loc.T("我的入职计划待完成步骤", "Onboarding steps to do"), left, OnboardingViews.Page, mine.Any(p => p.Overdue > 0))];
    }
}
