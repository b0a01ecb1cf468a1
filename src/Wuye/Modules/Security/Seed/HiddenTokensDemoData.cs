using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// The last seven nights' hidden tokens at the demo guard's project (万科#5): `pm` hides one each night for the patrol post, the east
/// gate and the car park, in plant rooms and hydrant boxes; most are found within an hour or a few, about one in six is not (its
/// alert already sent).
/// </summary>
internal sealed class HiddenTokensDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 65;

    private static readonly string[] Places =
    [
        "2 幢地库消防栓箱内",
        "水泵房门后配电箱顶",
        "东侧围墙第三盏路灯下",
        "5 幢楼顶水箱检修口",
        "垃圾房外侧灭火器箱",
        "地库 B 区 3 号车位立柱后",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var posts = await db.Set<SecurityPost>()
            .Where(p => p.ArchivedAt == null && (p.Name == "巡逻岗" || p.Name == "东门岗" || p.Name == "地库出入口"))
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .ToListAsync(ct);
        if (pm is null || posts.Count == 0)
            return;
        var ids = posts.Select(p => p.Id).ToList();
        var rota = await db.Set<PostAssignment>()
            .AsNoTracking()
            .Where(a => ids.Contains(a.SecurityPostId))
            .OrderBy(a => a.UserId == null)
            .ThenBy(a => a.Id)
            .ToListAsync(ct);
        var rng = context.Random;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        for (var n = -7; n <= -1; n++)
            foreach (var post in posts)
            {
                var at = new DateTimeOffset(
                    today.AddDays(n).ToDateTime(new TimeOnly(21, rng.Next(60))),
                    ChinaTime.Offset
                ).ToUniversalTime();
                var shift = rota.FirstOrDefault(a => a.SecurityPostId == post.Id && a.StartsAt <= at && a.EndsAt > at);
                if (shift is null || shift.EndsAt > now)
                    continue;
                var token = HiddenToken.Hide(
                    post,
                    (shift.EndsAt, shift.UserId, shift.Name),
                    Places[rng.Next(Places.Length)],
                    HiddenToken.NewCode(),
                    pm.Value,
                    at
                );
                if (rng.Next(6) == 0)
                    token.AlertedAt = token.DueAt;
                else
                    token.Find(shift.UserId ?? pm.Value, at.AddMinutes(rng.Next(15, post.Kind == PostKind.Patrol ? 120 : 300)));
                db.Add(token);
            }
        await db.SaveChangesAsync(ct);
    }
}
