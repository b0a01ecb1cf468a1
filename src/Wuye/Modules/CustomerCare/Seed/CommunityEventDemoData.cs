using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// Each project's community activities of this year: one themed event a month so far (held on the 10th, households signed up and
/// most checked in; the spring-festival and mid-autumn events large), one coming in ten days with sign-ups open, and in every
/// steward's zone an event tonight whose sign-ups wait for check-in (a line on the steward's home); and five clubs whose members
/// are the households with that interest in their profiles.
/// </summary>
internal sealed class CommunityEventDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 87;

    private static readonly (string Title, string Theme, string[] Interests, string Place, bool Large)[] Months =
    [
        ("新春写春联送福字", "一月·迎新春", ["书法"], "物业服务中心大厅", false),
        ("元宵灯谜游园会", "二月·闹元宵", [], "中心广场", true),
        ("学雷锋便民服务日", "三月·邻里互助月", [], "中心广场", false),
        ("春季亲子植树", "四月·绿色家园", ["亲子活动", "园艺"], "小区东侧绿地", false),
        ("业主乒乓球友谊赛", "五月·全民健身", ["乒乓球"], "会所活动室", false),
        ("端午包粽子", "六月·端午安康", ["烹饪"], "会所活动室", false),
        ("夏日消防安全知识讲座", "七月·安全月", [], "物业服务中心会议室", false),
        ("社区摄影作品展", "八月·发现身边的美", ["摄影"], "会所展厅", false),
        ("中秋游园晚会", "九月·月圆人团圆", [], "中心广场", true),
        ("重阳敬老太极展演", "十月·敬老月", ["太极"], "中心广场", false),
        ("读书分享会", "十一月·书香社区", ["读书"], "会所阅览室", false),
        ("冬至包饺子", "十二月·温暖冬至", ["烹饪"], "会所活动室", false),
    ];

    private static readonly (string Name, string Interest)[] ClubNames =
    [
        ("墨香书法社", "书法"),
        ("晨练太极队", "太极"),
        ("和声合唱团", "合唱"),
        ("光影摄影协会", "摄影"),
        ("快乐亲子俱乐部", "亲子活动"),
    ];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var homes = (
                await db.OccupantRefs()
                    .AsNoTracking()
                    .Where(o => o.ProjectId == p.Id && o.Relation == OccupantRelation.Owner && o.Until == null)
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
                    .Take(3000)
                    .ToListAsync(ct)
            ).DistinctBy(h => h.UnitId).ToList();
            if (homes.Count < 10)
                continue;
            CommunityEvent Make(int month, DateTimeOffset startsAt, Guid? zone)
            {
                var m = Months[month];
                return new CommunityEvent
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = zone,
                    Title = m.Title,
                    Theme = m.Theme,
                    Interests = m.Interests,
                    StartsAt = startsAt,
                    EndsAt = startsAt.AddHours(2.5),
                    Place = m.Place,
                    Capacity = m.Large ? 600 : 150,
                    Description = "欢迎业主和家人踊跃参加，现场有小礼品。",
                    OrganizerName = "客服中心",
                    InvitedAt = startsAt.AddDays(-7),
                    CreatedAt = startsAt.AddDays(-7),
                };
            }
            void SignUps(CommunityEvent ev, IReadOnlyList<(Guid UnitId, Guid? ZoneId, string Name)> from, int count, double checkIn)
            {
                var taken = 0;
                foreach (var h in from.OrderBy(_ => rng.Next()).Take(count))
                {
                    var people = rng.Next(1, 5);
                    if (taken + people > ev.Capacity)
                        break;
                    taken += people;
                    var s = new EventSignUp
                    {
                        CompanyId = p.CompanyId,
                        ProjectId = p.Id,
                        ZoneId = h.ZoneId,
                        UnitId = h.UnitId,
                        EventId = ev.Id,
                        Name = h.Name,
                        People = people,
                        CreatedAt = ev.StartsAt.AddDays(-rng.Next(1, 6)),
                    };
                    if (rng.NextDouble() < checkIn)
                    {
                        s.CheckedInAt = ev.StartsAt.AddMinutes(rng.Next(-20, 30));
                        s.Attended = rng.NextDouble() < 0.85 ? people : Math.Max(1, people - 1);
                        s.CheckedInByName = "客服中心";
                    }
                    db.Add(s);
                }
            }
            var all = homes.Select(h => (h.UnitId, h.ZoneId, h.Name)).ToList();
            for (var month = 1; month <= 12; month++)
            {
                var day = new DateOnly(today.Year, month, 10);
                if (day >= today)
                    break;
                var ev = Make(month - 1, ChinaTime.StartOf(day).AddHours(9.5), null);
                db.Add(ev);
                SignUps(ev, all, Months[month - 1].Large ? 200 : rng.Next(15, 50), 0.85);
            }
            var coming = Make(today.Month % 12, ChinaTime.StartOf(today.AddDays(10)).AddHours(14), null);
            coming.Title = "迎新年社区联欢会";
            db.Add(coming);
            SignUps(coming, all, 12, 0);
            // Tonight in every steward's zone: signed up, to check in at the door.
            var zones = await db.ZoneRefs()
                .AsNoTracking()
                .Where(z => z.ProjectId == p.Id && z.StewardUserId != null && z.ArchivedAt == null)
                .OrderBy(z => z.Name)
                .ThenBy(z => z.Id)
                .Select(z => new { z.Id, z.Name })
                .ToListAsync(ct);
            foreach (var z in zones)
            {
                var tonight = Make(2, ChinaTime.StartOf(today).AddHours(19), z.Id);
                tonight.Title = $"{z.Name}邻里茶话会";
                tonight.Theme = null;
                tonight.Capacity = 40;
                tonight.Place = $"{z.Name}架空层";
                db.Add(tonight);
                SignUps(tonight, [.. all.Where(h => h.ZoneId == z.Id)], 6, 0);
            }
            var interested = await db.Set<PersonProfile>()
                .AsNoTracking()
                .Where(x => x.ProjectId == p.Id && x.Interests.Length > 0)
                .OrderBy(x => x.Id)
                .Select(x => new
                {
                    x.UnitId,
                    x.ZoneId,
                    x.Interests,
                })
                .Take(3000)
                .ToListAsync(ct);
            foreach (var (name, interest) in ClubNames)
            {
                var club = new Club
                {
                    CompanyId = p.CompanyId,
                    ProjectId = p.Id,
                    Name = name,
                    Interest = interest,
                    Description = $"爱好{interest}的邻居们每周相聚交流。",
                    CreatedAt = now.AddDays(-rng.Next(60, 600)),
                };
                db.Add(club);
                foreach (var x in interested.Where(x => x.Interests.Contains(interest)).DistinctBy(x => x.UnitId).Take(40))
                    db.Add(
                        new ClubMember
                        {
                            CompanyId = p.CompanyId,
                            ProjectId = p.Id,
                            ZoneId = x.ZoneId,
                            UnitId = x.UnitId,
                            ClubId = club.Id,
                            Name = homes.FirstOrDefault(h => h.UnitId == x.UnitId)?.Name ?? name,
                            CreatedAt = club.CreatedAt.AddDays(rng.Next(0, 60)),
                        }
                    );
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
