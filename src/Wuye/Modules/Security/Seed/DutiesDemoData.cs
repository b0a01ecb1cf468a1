using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// The demo guard's project gets its three duties: the monitoring center's CCTV retention check, done daily by `monitor` from 30 days
/// ago to the day before yesterday (the oldest recording 31–33 days back, one day only 27 — a finding; yesterday's check missed, so
/// the duty is overdue), the monthly fire-equipment check, recorded 34 days ago by `guard` (also read from Facilities' fire-system
/// maintenance), and the half-yearly fire drill, read from Emergencies' drills.
/// </summary>
internal sealed class DutiesDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 68;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        var monitor = await db.Users.FirstOrDefaultAsync(u => u.UserName == "monitor", ct);
        if (guard is null || monitor is null)
            return;
        var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard, ct);
        var project = await db.Set<SecurityPost>()
            .Where(p => p.ProjectId == grant.ProjectId)
            .OrderBy(p => p.Id)
            .Select(p => new { p.ProjectId, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null)
            return;
        var today = ChinaTime.Today(clock);
        var rng = context.Random;
        SecurityDuty Duty(string name, DutyKind kind) =>
            new()
            {
                CompanyId = project.CompanyId,
                ProjectId = project.ProjectId,
                Name = name,
                Kind = kind,
                EveryDays = SecurityDuty.DefaultEvery(kind),
                StartsOn = today.AddDays(-60),
            };
        var cctv = Duty("监控中心录像机", DutyKind.CctvRetention);
        var fire = Duty("消防器材月检", DutyKind.FireEquipmentCheck);
        db.AddRange(cctv, fire, Duty("半年消防演练", DutyKind.FireDrill));
        for (var back = 30; back >= 2; back--)
        {
            var day = today.AddDays(-back);
            var kept = back == 9 ? 27 : rng.Next(31, 34);
            var when = ChinaTime.StartOf(day).AddHours(9).AddMinutes(rng.Next(0, 40));
            var c = DutyCheck.Record(cctv, day, day.AddDays(-kept), false, null, 30, monitor.Id, monitor.DisplayName, when);
            if (c.Finding)
                c.Note = "硬盘故障，已报修更换";
            db.Add(c);
        }
        var fireDay = today.AddDays(-34);
        db.Add(
            DutyCheck.Record(
                fire,
                fireDay,
                null,
                false,
                "灭火器压力、消火栓、烟感抽检正常",
                30,
                guard.Id,
                guard.DisplayName,
                ChinaTime.StartOf(fireDay).AddHours(14)
            )
        );
        await db.SaveChangesAsync(ct);
    }
}
