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
/// those visits; the rest are on the steward's home (本月待走访住户). Each project's analysis meeting of the month is scheduled
/// for the 28th by the job's own step.
/// </summary>
internal sealed class ContactPlanDemoData(TimeProvider clock, MonthlyContactPlans monthly) : IDemoDataContributor
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
            await ReceptionAsync(db, p.Id, p.CompanyId, today, now, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        // Each project's analysis meeting for the 28th, scheduled as the contact plan job schedules it.
        await monthly.ScheduleMeetingsAsync(month, ct);
    }

    private static readonly (string Topic, string Outcome)[] Topics =
    [
        ("地下车库照明不足", "已安排工程部一周内更换灯具"),
        ("楼道堆放杂物影响通行", "已通知秩序部限期清理并加强巡查"),
        ("希望增加儿童游乐设施", "纳入明年维修基金使用计划，报业委会讨论"),
    ];

    /// <summary>经理接待日 on the 15th of the month (9:00–11:30) hosted by the project manager, with three appointments; their
    /// outcomes recorded when the day has passed.</summary>
    private static async Task ReceptionAsync(
        Wuye.Platform.Database.WuyeDb db,
        Guid project,
        Guid company,
        DateOnly today,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var host = await db
            .RoleAssignments.Where(r => r.Role == Wuye.Platform.Identity.Roles.ProjectManager && r.ProjectId == project)
            .OrderBy(r => r.UserId)
            .Select(r => (Guid?)r.UserId)
            .FirstOrDefaultAsync(ct);
        var hostName = host is { } h ? await db.Users.Where(u => u.Id == h).Select(u => u.DisplayName).FirstAsync(ct) : "项目经理";
        var starts = ChinaTime.StartOf(new DateOnly(today.Year, today.Month, 15)).AddHours(9);
        var day = new ReceptionDay
        {
            CompanyId = company,
            ProjectId = project,
            StartsAt = starts,
            EndsAt = starts.AddHours(2.5),
            Place = "物业服务中心经理接待室",
            HostUserId = host,
            HostName = hostName,
        };
        db.Add(day);
        var homes = await db.OccupantRefs()
            .AsNoTracking()
            .Where(o => o.ProjectId == project && o.Relation == OccupantRelation.Owner && o.Until == null)
            .Join(
                db.PersonRefs(),
                o => o.PersonId,
                x => x.Id,
                (o, x) =>
                    new
                    {
                        o.UnitId,
                        o.ZoneId,
                        x.Name,
                    }
            )
            .OrderBy(o => o.UnitId)
            .Skip(3)
            .Take(3)
            .ToListAsync(ct);
        for (var i = 0; i < homes.Count; i++)
        {
            var a = new ReceptionAppointment
            {
                CompanyId = company,
                ProjectId = project,
                ZoneId = homes[i].ZoneId,
                UnitId = homes[i].UnitId,
                DayId = day.Id,
                Name = homes[i].Name,
                Topic = Topics[i].Topic,
            };
            if (starts < now)
                a.Record(Topics[i].Outcome, hostName, starts.AddMinutes(30 * (i + 1)));
            db.Add(a);
        }
    }
}
