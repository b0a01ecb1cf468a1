using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.TalentPool;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// The talent pool (人才库, 000#62): in each project four residents (none who refused care messages, none of the demo accounts)
/// recorded with their consent through the use case, each with one or two skills.
/// </summary>
internal sealed class TalentDemoData(TimeProvider clock, TalentPool pool) : IDemoDataContributor
{
    public int Order => 85;

    private static readonly string[][] Skills =
    [
        ["书法", "国画"],
        ["钢琴"],
        ["摄影", "视频剪辑"],
        ["太极拳"],
        ["中医推拿"],
        ["手工剪纸", "编织"],
    ];

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var today = ChinaTime.Today(clock);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => p.Id)
            .ToListAsync(ct);
        var refused = db.Set<PersonProfile>().Where(pp => pp.Consent == false);
        var n = 0;
        foreach (var p in ctx.Size == "small" ? projects : projects.Take(5).ToList())
        {
            var residents = await db.OccupantRefs()
                .AsNoTracking()
                .Where(o =>
                    o.ProjectId == p
                    && o.Relation != OccupantRelation.Family
                    && o.Until == null
                    && (o.Since == null || o.Since <= today)
                    && !refused.Any(r => r.PersonId == o.PersonId)
                    && !db.Set<TalentEntry>().Any(t => t.PersonId == o.PersonId)
                    && !db.PersonRefs().Any(x => x.Id == o.PersonId && x.UserId != null)
                )
                .OrderBy(o => o.UnitId)
                .ThenBy(o => o.PersonId)
                .Select(o => new { o.UnitId, o.PersonId })
                .Take(40)
                .ToListAsync(ct);
            foreach (var r in residents.DistinctBy(r => r.PersonId).Where((_, i) => i % 10 == 3).Take(4))
                await pool.RecordAsync(
                    r.PersonId,
                    new RecordTalent(r.UnitId, Skills[n++ % Skills.Length], n % 2 == 0 ? "愿意在社区活动中教大家" : null, true),
                    ct
                );
            db.ChangeTracker.Clear();
        }
    }
}
