using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// The monitoring center's library of safety tips at the demo guard's project (万科#4), scheduled to its night and morning posts, and
/// the last three days' pushes to the guards then on those posts (from the rota), most acknowledged within minutes, one in eight not.
/// </summary>
internal sealed class SafetyTipsDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 64;

    private static readonly (string Title, string Body, string Post, string Slot)[] Tips =
    [
        ("电动车充电", "巡查楼道、大堂有无电动车违规停放和飞线充电，发现即劝离并报监控中心。", "东门岗", "22:00-23:00"),
        ("凌晨防盗", "01:00–05:00 为盗窃高发时段，重点巡查地库、单元门和围墙周边，留意翻越和徘徊人员。", "巡逻岗", "01:00-02:00"),
        ("消防通道", "早高峰前清理消防通道和地库坡道的违停车辆，保持通道畅通。", "地库出入口", "06:30-07:30"),
        ("交接班", "交接班时核对钥匙、对讲机和交接记录，未交接清楚不得离岗。", "东门岗", "05:30-06:30"),
        ("高空抛物", "傍晚留意高层住户阳台抛物，发现立即记录楼栋位置并报告。", "1 幢大堂", "17:00-18:30"),
        ("台风暴雨", "恶劣天气前检查地库挡水板、沙袋和排水沟，雨中加密地库巡查。", "监控中心", "09:00-10:00"),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var posts = await db.Set<SecurityPost>().Where(p => p.ArchivedAt == null).OrderBy(p => p.Id).ToListAsync(ct);
        if (posts.Count == 0)
            return;
        var project = posts[0].ProjectId;
        var byName = posts.Where(p => p.ProjectId == project).ToDictionary(p => p.Name);
        var schedules = new List<(SafetyTip Tip, SafetyTipSchedule Schedule, SecurityPost Post)>();
        foreach (var t in Tips)
        {
            if (!byName.TryGetValue(t.Post, out var post))
                continue;
            var tip = new SafetyTip
            {
                CompanyId = post.CompanyId,
                ProjectId = post.ProjectId,
                Title = t.Title,
                Body = t.Body,
            };
            TimeSlot.TryParse(t.Slot, out var slot);
            var schedule = SafetyTipSchedule.For(tip, post, slot);
            db.AddRange(tip, schedule);
            schedules.Add((tip, schedule, post));
        }
        var today = ChinaTime.Today(clock);
        var from = ChinaTime.StartOf(today.AddDays(-3)).ToUniversalTime();
        var rota = await db.Set<PostAssignment>()
            .AsNoTracking()
            .Where(a => a.ProjectId == project && a.EndsAt > from)
            .OrderBy(a => a.UserId == null)
            .ThenBy(a => a.Name)
            .ThenBy(a => a.Id)
            .ToListAsync(ct);
        var rng = context.Random;
        for (var n = -3; n <= -1; n++)
            foreach (var (tip, schedule, post) in schedules)
            {
                var start = schedule.Slot.On(today.AddDays(n)).From.ToUniversalTime();
                var on = rota.FirstOrDefault(a => a.SecurityPostId == post.Id && a.StartsAt <= start && a.EndsAt > start);
                var d = SafetyTipDelivery.Push(
                    schedule,
                    tip,
                    post,
                    today.AddDays(n),
                    on?.UserId,
                    on?.Name,
                    start.AddSeconds(rng.Next(5, 50))
                );
                if (d.GuardUserId is { } guard && rng.Next(8) != 0)
                    d.Acknowledge(guard, d.PushedAt.AddSeconds(rng.Next(30, 900)));
                db.Add(d);
            }
        await db.SaveChangesAsync(ct);
    }
}
