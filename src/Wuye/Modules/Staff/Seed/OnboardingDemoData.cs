using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// 岗位操作指引 and 入职计划: every company's guide for its maintenance technicians (维修工: two practice steps, the safety training
/// to pass), and in each project with an engineering team the plan of its newest technician without an account, started ten
/// days ago: the first step ticked, the second past its due day (the manager's overdue line), the training still to pass; and
/// the demo security guard's own plan (<see cref="GuardsPlanAsync"/>), the new employee with an account.
/// </summary>
internal sealed class OnboardingDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 64;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var teams = await db.TeamRefs()
            .AsNoTracking()
            .Where(t => t.ProjectId != null && t.ArchivedAt == null && t.Kind == TeamKind.Engineering)
            .OrderBy(t => t.CompanyId)
            .ThenBy(t => t.ProjectId)
            .ThenBy(t => t.Id)
            .ToListAsync(ct);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.TeamId != null && s.ArchivedAt == null && s.UserId == null)
            .OrderByDescending(s => s.Name)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
        foreach (var company in teams.GroupBy(t => t.CompanyId))
        {
            var (guide, steps) = PostGuide.Create(
                company.Key,
                null,
                "维修工",
                "维修工岗位操作指引",
                [
                    new(
                        "熟悉设备房、工具间与应急物资位置",
                        "由班长带领走一遍各设备房，记下钥匙存放处和应急电话。",
                        1,
                        OnboardingStepKind.Practice,
                        null,
                        null
                    ),
                    new(
                        "跟随师傅完成 3 张报修工单",
                        "按工单流程接单、到场、维修、请业主确认，每一步在手机上操作。",
                        5,
                        OnboardingStepKind.Practice,
                        null,
                        null
                    ),
                    new("通过安全培训", "参加项目的安全培训并考核合格。", 14, OnboardingStepKind.Training, TrainingTopic.Safety, null),
                ],
                _ => false
            );
            db.Add(guide);
            db.AddRange(steps);
            foreach (var team in company.DistinctBy(t => t.ProjectId))
            {
                if (staff.FirstOrDefault(s => s.TeamId == team.Id) is not { } person)
                    continue;
                var (plan, planSteps) = OnboardingPlan.From(
                    guide,
                    steps,
                    company.Key,
                    team.ProjectId!.Value,
                    person.Id,
                    null,
                    person.Name,
                    today.AddDays(-10),
                    today
                );
                planSteps[0].Tick("班长", now.AddDays(-9));
                planSteps[1].OverdueNoticeAt = now.AddDays(-4);
                db.Add(plan);
                db.AddRange(planSteps);
            }
        }
        await GuardsPlanAsync(context, today, now, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The demo security guard (account "guard") is the new one with an account: every company's guide for its 秩序维护员, and
    /// his plan from it started six days ago — the first step ticked by his team leader, the night patrol and the safety
    /// training still to do — so his home has the line 我的入职计划待完成步骤 and the onboarding page his steps.
    /// </summary>
    private static async Task GuardsPlanAsync(DemoSeedContext context, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var db = context.Db;
        var guard = await db.Users.AsNoTracking().Where(u => u.UserName == "guard").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var person = guard is null
            ? null
            : await db.StaffRefs()
                .AsNoTracking()
                .Where(s => s.UserId == guard && s.ArchivedAt == null && s.ProjectId != null)
                .OrderBy(s => s.Id)
                .FirstOrDefaultAsync(ct);
        if (person is null)
            return;
        var (guide, steps) = PostGuide.Create(
            person.CompanyId,
            null,
            "秩序维护员",
            "秩序维护员岗位操作指引",
            [
                new(
                    "熟悉岗亭、对讲机与消防器材位置",
                    "由班长带领走一遍各岗亭和消防器材点，试用对讲机各频道。",
                    1,
                    OnboardingStepKind.Practice,
                    null,
                    null
                ),
                new(
                    "跟班完成一次夜间巡逻",
                    "随老队员按巡逻路线走完一圈，每个巡逻点在手机上扫码。",
                    7,
                    OnboardingStepKind.Practice,
                    null,
                    null
                ),
                new("通过安全培训", "参加项目的安全培训并考核合格。", 14, OnboardingStepKind.Training, TrainingTopic.Safety, null),
            ],
            _ => false
        );
        var (plan, planSteps) = OnboardingPlan.From(
            guide,
            steps,
            person.CompanyId,
            person.ProjectId!.Value,
            person.Id,
            guard,
            person.Name,
            today.AddDays(-6),
            today
        );
        planSteps[0].Tick("班长", now.AddDays(-5));
        db.Add(guide);
        db.AddRange(steps);
        db.Add(plan);
        db.AddRange(planSteps);
    }
}
