using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// This month's contact plan of every zone steward (in the first projects), chosen as the use case chooses (the longest not
/// visited first), with a visit recorded for about a third of its households so far this month — the progress is counted from
/// those visits; the rest are on the steward's home (本月待走访住户).
/// </summary>
internal sealed class ContactPlanDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 88;

    private static readonly string[] Asked =
    [
        "例行走访：询问对物业服务的意见，业主表示满意",
        "询问近期维修是否解决，业主反映已修好",
        "了解家庭情况，提醒冬季水管防冻",
        "业主建议增加小区夜间巡逻频次",
    ];

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset now) => a < now ? a : now.AddMinutes(-30);

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var month = ContactPlans.MonthOf(today);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.CompanyId,
                p.Kind,
            })
            .ToListAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var zones = await db.ZoneRefs()
                .AsNoTracking()
                .Where(z => z.ProjectId == p.Id && z.StewardUserId != null && z.ArchivedAt == null)
                .OrderBy(z => z.Name)
                .ThenBy(z => z.Id)
                .Select(z => new { z.Id, StewardUserId = z.StewardUserId!.Value })
                .ToListAsync(ct);
            foreach (var z in zones)
            {
                var name = await db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstAsync(ct);
                var office = p.Kind == ProjectKind.Office;
                var target = ContactPlan.TargetFor(office, month);
                var picks = await ContactPlanner.ChooseAsync(db, p.Id, z.Id, today, target, ct);
                if (picks.Count == 0)
                    continue;
                var plan = new ContactPlan
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = z.Id,
                    StewardUserId = z.StewardUserId,
                    StewardName = name,
                    Month = month,
                    Office = office,
                    Target = target,
                    CreatedAt = ChinaTime.StartOf(month).AddHours(9),
                };
                db.Add(plan);
                var days = Math.Max(1, (int)(now - ChinaTime.StartOf(month)).TotalDays);
                for (var i = 0; i < picks.Count; i++)
                {
                    var pick = picks[i];
                    db.Add(
                        new ContactPlanItem
                        {
                            CompanyId = p.CompanyId,
                            ProjectId = p.Id,
                            ZoneId = pick.ZoneId,
                            UnitId = pick.UnitId,
                            PlanId = plan.Id,
                            Position = i + 1,
                            LastContactAt = pick.LastContactAt,
                        }
                    );
                    if (i % 3 == 0)
                        db.Add(
                            new CareVisit
                            {
                                CompanyId = p.CompanyId,
                                ProjectId = p.Id,
                                ZoneId = pick.ZoneId,
                                UnitId = pick.UnitId,
                                VisitorUserId = z.StewardUserId,
                                VisitorName = name,
                                VisitedAt = Min(ChinaTime.StartOf(month).AddHours(rng.Next(9, 18)).AddDays(rng.Next(0, days)), now),
                                Asked = Asked[rng.Next(Asked.Length)],
                            }
                        );
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
