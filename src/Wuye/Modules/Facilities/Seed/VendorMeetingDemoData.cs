using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Seed;

/// <summary>
/// Last month's vendors' meeting of the demo steward's project (000#18), with its cleaning and greening vendors present and three
/// actions: one done, one followed by the project manager and now overdue (his home to-do list), one the technician follows, due in
/// ten days. Dates from today; made through the entities' own rules.
/// </summary>
internal sealed class VendorMeetingDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var pm = await db.Users.FirstOrDefaultAsync(u => u.UserName == "pm", ct);
        var tech = await db.Users.FirstOrDefaultAsync(u => u.UserName == "tech", ct);
        var steward = await db.Users.FirstOrDefaultAsync(u => u.UserName == "steward", ct);
        if (pm is null || tech is null || steward is null)
            return;
        var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward.Id).OrderBy(z => z.Id).FirstOrDefaultAsync(ct);
        if (zone is null)
            return;
        var vendorIds = await db.TeamRefs()
            .Where(t => t.ProjectId == zone.ProjectId && t.VendorId != null && t.ArchivedAt == null)
            .Select(t => t.VendorId!.Value)
            .Distinct()
            .ToListAsync(ct);
        var vendors = await db.VendorRefs().Where(v => vendorIds.Contains(v.Id)).OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(ct);
        if (vendors.Count == 0)
            return;
        var today = ChinaTime.Today(clock);
        var heldOn = VendorMeeting.MonthOf(today).AddMonths(-1).AddDays(9);
        var pmName = pm.DisplayName ?? "pm";
        var meeting = VendorMeeting.Create(
            zone.CompanyId,
            zone.ProjectId,
            heldOn,
            [.. vendors.Select(v => v.Id)],
            "通报上月考评结果：保洁任务完成率偏低，电梯轿厢二次清洁漏做；绿化病虫害消杀按季度计划执行。",
            pm.Id,
            pmName,
            today
        );
        var first = vendors[0];
        var last = vendors[^1];
        var done = meeting.AddAction(first.Id, first.Name, "电梯轿厢下午第二次清洁补齐并拍照", pm.Id, pmName, heldOn.AddDays(7));
        done.Close("已连续两周按时完成，照片齐全", pmName, ChinaTime.StartOf(heldOn.AddDays(5)).AddHours(10));
        var overdue = meeting.AddAction(first.Id, first.Name, "地下车库地面积水处补充人手冲洗", pm.Id, pmName, today.AddDays(-3));
        var open = meeting.AddAction(
            last.Id,
            last.Name,
            "中心绿地补种枯死灌木，提交补种清单",
            tech.Id,
            tech.DisplayName ?? "tech",
            today.AddDays(10)
        );
        db.Add(meeting);
        db.AddRange(done, overdue, open);
        await db.SaveChangesAsync(ct);
    }
}
