using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// The talks archive of every project with a project manager: last month's ten talks (one issue raised and followed up), and
/// this month's first few (4–7, one with an issue still open), each with a member of the project's staff register, so the
/// manager's home shows the quota not yet met and the quarter's staff not all reached.
/// </summary>
internal sealed class TalkDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 63;

    private static readonly string[] Topics = ["工作安排与岗位职责", "工作环境与劳动保护", "培训需求", "个人发展与调岗意向", "班组协作"];

    private static readonly (string Issue, string FollowUp)[] Issues =
    [
        ("夜班休息室空调制冷不足", "已报工程部维修，空调加氟后恢复正常"),
        ("希望增加电梯维保方面的培训", "已列入下月专业技能培训计划"),
        ("工服尺码不合适，需更换", "已向行政申领合适尺码的工服"),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var today = ChinaTime.Today(clock);
        var month = StaffTalk.MonthOf(today);
        var lastMonth = month.AddMonths(-1);
        var users = db.Users;
        var managers = await db
            .RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Roles.ProjectManager && r.ProjectId != null)
            .OrderBy(r => r.ProjectId)
            .ThenBy(r => r.UserId)
            .Select(r => new
            {
                ProjectId = r.ProjectId!.Value,
                r.UserId,
                Name = users.Where(u => u.Id == r.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.ProjectId != null && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.CompanyId,
                ProjectId = s.ProjectId!.Value,
                s.Name,
            })
            .ToListAsync(ct);
        foreach (var project in staff.GroupBy(s => s.ProjectId))
        {
            var pm = managers.FirstOrDefault(m => m.ProjectId == project.Key);
            if (pm is null)
                continue;
            var people = project.ToList();
            var n = 0;
            StaffTalk Talk(DateOnly on, int i, (string Issue, string FollowUp)? issue)
            {
                var s = people[i % people.Count];
                var talk = StaffTalk.Record(
                    s.CompanyId,
                    project.Key,
                    s.Id,
                    s.Name,
                    pm.UserId,
                    pm.Name ?? "",
                    on,
                    Topics[n++ % Topics.Length],
                    "了解近期工作与生活情况，听取意见建议。",
                    issue?.Issue,
                    today
                );
                db.Add(talk);
                return talk;
            }
            var days = DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month);
            for (var i = 0; i < 10; i++)
            {
                var talk = Talk(lastMonth.AddDays(rng.Next(0, days)), i, i == 3 ? Issues[rng.Next(Issues.Length)] : null);
                if (talk.Issue is not null)
                    talk.RecordFollowUp(Issues.First(x => x.Issue == talk.Issue).FollowUp, Min(talk.HeldOn.AddDays(3), today));
            }
            var thisMonth = rng.Next(4, 8);
            for (var i = 0; i < thisMonth; i++)
                Talk(month.AddDays(rng.Next(0, today.Day)), 10 + i, i == 1 ? Issues[rng.Next(Issues.Length)] : null);
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
