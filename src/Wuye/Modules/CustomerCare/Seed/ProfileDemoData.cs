using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// Customer profiles: interests and consent for about a third of each project's current residents (a few refuse care
/// messages), the office clients' businesses with their licence dates, and a manual tag on a few homes. The segments
/// themselves are computed from these and the other modules' demo records.
/// </summary>
internal sealed class ProfileDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 81;

    private static readonly string[] Interests = ["书法", "太极", "广场舞", "摄影", "园艺", "乒乓球", "亲子活动", "读书", "烹饪", "合唱"];
    private static readonly string[] Tags = ["独居老人", "热心业主", "行动不便", "新业主"];
    private static readonly string[] Businesses =
    [
        "华信科技有限公司",
        "明德律师事务所",
        "远航贸易有限公司",
        "青禾设计工作室",
        "恒通会计师事务所",
    ];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Kind })
            .ToListAsync(ct);
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var units = db.UnitRefs();
            var residents = await db.OccupantRefs()
                .AsNoTracking()
                .Where(o => o.ProjectId == p.Id && (o.Until == null || o.Until >= today))
                .Join(units, o => o.UnitId, u => u.Id, (o, u) => new { o, u })
                .OrderBy(x => x.u.Label)
                .ThenBy(x => x.o.Id)
                .Take(3000)
                .Select(x => new
                {
                    x.o.PersonId,
                    x.o.UnitId,
                    x.u.CompanyId,
                    x.u.ZoneId,
                })
                .ToListAsync(ct);
            var seen = new HashSet<Guid>();
            foreach (var r in residents.Where(r => seen.Add(r.PersonId)).Where((_, i) => i % 3 == 0))
            {
                var profile = new PersonProfile
                {
                    CompanyId = r.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = r.ZoneId,
                    UnitId = r.UnitId,
                    PersonId = r.PersonId,
                };
                profile.Describe(
                    Interests.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)),
                    rng.Next(10) switch
                    {
                        0 => false,
                        < 7 => true,
                        _ => null,
                    },
                    now.AddDays(-rng.Next(1, 300))
                );
                db.Add(profile);
            }
            var homes = residents.DistinctBy(r => r.UnitId).ToList();
            var tagged = homes.Where((_, i) => i % 17 == 5).ToList();
            var offices = p.Kind == ProjectKind.Office ? homes.Take(30).ToList() : [];
            foreach (var h in offices.Union(tagged))
            {
                var profile = new HouseholdProfile
                {
                    CompanyId = h.CompanyId,
                    ProjectId = p.Id,
                    ZoneId = h.ZoneId,
                    UnitId = h.UnitId,
                };
                var office = offices.Contains(h);
                profile.Describe(
                    office ? Businesses[rng.Next(Businesses.Length)] : null,
                    office ? today.AddYears(-rng.Next(1, 12)).AddDays(rng.Next(-20, 20)) : null,
                    tagged.Contains(h) ? [Tags[rng.Next(Tags.Length)]] : [],
                    null
                );
                db.Add(profile);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
