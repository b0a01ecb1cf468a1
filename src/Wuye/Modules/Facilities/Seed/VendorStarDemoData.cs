using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.VendorStars;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Seed;

/// <summary>
/// Last month's best vendor employee of the demo steward's project (000#17): the project manager names the first of the app's own
/// suggestions (<see cref="VendorStarNominees"/>, from the crews' tasks and spot checks of the demo history), the reason citing
/// those records; none when last month has no records.
/// </summary>
internal sealed class VendorStarDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var pm = await db.Users.FirstOrDefaultAsync(u => u.UserName == "pm", ct);
        var steward = await db.Users.FirstOrDefaultAsync(u => u.UserName == "steward", ct);
        if (pm is null || steward is null)
            return;
        var zone = await db.ZoneRefs().Where(z => z.StewardUserId == steward.Id).OrderBy(z => z.Id).FirstOrDefaultAsync(ct);
        if (zone is null)
            return;
        var today = ChinaTime.Today(clock);
        var month = VendorMeeting.MonthOf(today).AddMonths(-1);
        var top = (await new VendorStarNominees(db).ForAsync(zone.ProjectId, month, ct)).FirstOrDefault();
        if (top is null || top.TeamTasksDue == 0)
            return; // no records of last month (the demo history is two weeks): nothing to praise
        var reason =
            $"{top.TeamName}{month:M月}责任区作业按时完成 {top.TeamTasksOnTime}/{top.TeamTasksDue}，"
            + $"抽查 {top.Checks} 次、不合格 {top.ChecksFailed} 次；作为班长带班认真。";
        db.Add(
            VendorStar.Name(
                zone.CompanyId,
                zone.ProjectId,
                month,
                top.VendorId,
                top.VendorName,
                top.StaffId,
                top.Name,
                top.IsLeader ? reason : reason.Replace("作为班长带班认真", "工作认真负责"),
                pm.Id,
                pm.DisplayName ?? "pm",
                today
            )
        );
        await db.SaveChangesAsync(ct);
    }
}
