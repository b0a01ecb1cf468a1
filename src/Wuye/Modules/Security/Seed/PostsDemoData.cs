using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// The demo guard's project gets its posts (two gates, the car park, a patrol post, a lobby fixed at peak hours, the monitoring
/// center, a construction-site gate with the four double-post slots), a day and a night shift, eight more guards on the security
/// team's register and a rota from a week ago to the day after tomorrow: the demo guard on the east gate at night, and today one of
/// the site gate's two guards missing so the board shows its gaps.
/// </summary>
internal sealed class PostsDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 63;

    private static readonly (string Name, PostKind Kind, string Peak, string Double, bool Night)[] Posts =
    [
        ("东门岗", PostKind.Gate, "", "", true),
        ("地库出入口", PostKind.CarPark, "", "", true),
        ("巡逻岗", PostKind.Patrol, "", "", true),
        ("1 幢大堂", PostKind.Lobby, "07:00-09:00,16:30-18:30", "", false),
        ("监控中心", PostKind.Monitoring, "", "", true),
        ("二期工地大门", PostKind.Gate, "", "06:00-07:30,11:00-12:00,13:00-14:00,17:30-18:30", false),
    ];

    private static readonly string[] MoreGuards = ["周建国", "王海军", "李卫东", "陈志强", "刘德明", "赵永刚", "孙立平", "钱小军"];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        if (guard is null)
            return;
        var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard, ct);
        var project = await db.ProjectRefs().FirstAsync(p => p.Id == grant.ProjectId, ct);
        var team = await db.TeamRefs()
            .Where(t => t.ProjectId == project.Id && t.Kind == TeamKind.Security && t.ArchivedAt == null)
            .OrderBy(t => t.Id)
            .FirstOrDefaultAsync(ct);
        if (team is null)
            return;
        foreach (var name in MoreGuards)
            db.AddStaffMember(team, null, name, "秩序维护员");
        await db.SaveChangesAsync(ct);
        var staff = await db.StaffRefs()
            .Where(s => s.TeamId == team.Id && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .ToListAsync(ct);
        var me = staff.FirstOrDefault(s => s.UserId == guard.Id);
        var others = staff.Where(s => s.UserId != guard.Id).ToList();

        var day = GuardShift.Create(project.CompanyId, project.Id, "白班", new(6, 0), new(18, 30));
        var night = GuardShift.Create(project.CompanyId, project.Id, "夜班", new(18, 30), new(6, 0));
        db.AddRange(day, night);
        var posts = Posts
            .Select(p =>
                (
                    Post: SecurityPost.Create(
                        project.CompanyId,
                        project.Id,
                        p.Name,
                        p.Kind,
                        TimeSlot.ParseList(p.Peak),
                        TimeSlot.ParseList(p.Double)
                    ),
                    p.Night
                )
            )
            .ToList();
        db.AddRange(posts.Select(p => p.Post));
        var today = ChinaTime.Today(clock);
        var rota = new List<(SecurityPost Post, PostAssignment A)>();
        for (var d = -7; d <= 2; d++)
        {
            var date = today.AddDays(d);
            var pool = new Queue<StaffRef>(others.Skip(Math.Abs(d) % others.Count).Concat(others.Take(Math.Abs(d) % others.Count)));
            void Put(SecurityPost post, GuardShift shift, StaffRef s)
            {
                var a = PostAssignment.For(post, shift, date, s.Id, s.ProjectId, s.UserId, s.Name, null);
                db.Add(a);
                rota.Add((post, a));
            }
            foreach (var (post, hasNight) in posts)
            {
                var needed = post.DoubleSlots.Length > 0 && d != 0 ? 2 : 1;
                for (var i = 0; i < needed && pool.Count > 0; i++)
                    Put(post, day, pool.Dequeue());
                if (!hasNight)
                    continue;
                if (post.Kind == PostKind.Gate && me is not null)
                    Put(post, night, me);
                else if (pool.Count > 0)
                    Put(post, night, pool.Dequeue());
            }
        }
        var monitor = await db.Users.Where(u => u.UserName == "monitor").Select(u => u.Id).FirstOrDefaultAsync(ct);
        RollCalls(context.Random, RollCallSettings.Defaults(project.CompanyId, project.Id), rota, today, monitor, db);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The last three nights' roll-calls of every staffed post: most answered within seconds to a few minutes (the demo guard on their
    /// phone, the others verbally to the monitoring center), one in twenty-five re-called first, one in fifty escalated.
    /// </summary>
    private void RollCalls(
        Random rng,
        RollCallSettings settings,
        List<(SecurityPost Post, PostAssignment A)> rota,
        DateOnly today,
        Guid monitor,
        Wuye.Platform.Database.WuyeDb db
    )
    {
        var now = clock.GetUtcNow();
        for (var n = -3; n <= -1; n++)
            foreach (var slot in settings.Slots(today.AddDays(n)).Where(s => s < now.AddMinutes(-15)))
            foreach (
                var (post, a) in rota.Where(x => x.A.StartsAt <= slot && x.A.EndsAt > slot).GroupBy(x => x.Post.Id).Select(g => g.First())
            )
            {
                var call = RollCall.Open(post, today.AddDays(n), slot, a.UserId, a.Name, slot.AddSeconds(rng.Next(5, 40)));
                var roll = rng.Next(50);
                if (roll < 3)
                    call.Advance(call.LastCalledAt.AddMinutes(settings.AnswerMinutes), settings.AnswerMinutes, settings.Recalls);
                if (roll == 0)
                    call.Advance(call.LastCalledAt.AddMinutes(settings.AnswerMinutes), settings.AnswerMinutes, settings.Recalls);
                else
                {
                    var at = call.LastCalledAt.AddSeconds(rng.Next(12, roll < 3 ? 200 : 150));
                    if (a.UserId is { } guard)
                        call.Acknowledge(guard, at);
                    else
                        call.RecordVerbal(monitor, "对讲机应答", at);
                }
                db.Add(call);
            }
    }
}
