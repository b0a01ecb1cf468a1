using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.CareCalendar;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Seed;

/// <summary>
/// The care calendar on the demo "today": the calendar's own run (move-ins of the last week, today's birthdays, a holiday if
/// today is one, warranties ending in a month, business anniversaries), and in each steward's zone a wedding and a birth noted
/// by the steward (open visits on the steward's home) and a welcome visit done last week with its record and follow-up.
/// </summary>
internal sealed class CalendarDemoData(TimeProvider clock, CareCalendar calendar) : IDemoDataContributor
{
    public int Order => 82;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        await calendar.GenerateAsync(today, ct);
        var zones = await db.ZoneRefs()
            .AsNoTracking()
            .Where(z => z.StewardUserId != null && z.ArchivedAt == null)
            .OrderBy(z => z.Name)
            .ThenBy(z => z.Id)
            .Take(20)
            .ToListAsync(ct);
        foreach (var z in zones)
        {
            var steward = await db
                .Users.Where(u => u.Id == z.StewardUserId)
                .Select(u => u.DisplayName ?? u.UserName)
                .FirstOrDefaultAsync(ct);
            var homes = await db.UnitRefs()
                .AsNoTracking()
                .Where(u => u.ZoneId == z.Id && u.ArchivedAt == null)
                .OrderBy(u => u.Label)
                .ThenBy(u => u.Id)
                .Skip(2)
                .Take(3)
                .Select(u => new { u.Id, u.Label })
                .ToListAsync(ct);
            if (homes.Count < 3)
                continue;
            CareTask Make(int i, CareKind kind, string title, int daysAgo) =>
                new()
                {
                    CompanyId = z.CompanyId,
                    ProjectId = z.ProjectId,
                    ZoneId = z.Id,
                    UnitId = homes[i].Id,
                    Kind = kind,
                    Status = CareTaskStatus.Open,
                    Title = title,
                    EventDate = today.AddDays(-daysAgo),
                    DueDate = today.AddDays(7 - daysAgo),
                    AssigneeUserId = z.StewardUserId,
                    NotedBy = kind == CareKind.MoveInWelcome ? null : steward,
                    Key = $"demo:{homes[i].Id:N}:{kind}",
                };
            var wedding = Make(0, CareKind.Wedding, $"{homes[0].Label} 新婚，上门恭贺：女儿国庆后办婚宴", 3);
            var birth = Make(1, CareKind.Birth, $"{homes[1].Label} 添丁，上门恭贺：二胎男孩", 1);
            var welcome = Make(2, CareKind.MoveInWelcome, $"{homes[2].Label} 新入住，一周内上门欢迎", 9);
            welcome.Complete("介绍服务中心电话、管家联系方式、垃圾分类时间；询问入住后房屋使用情况", now.AddDays(-5));
            db.AddRange(wedding, birth, welcome);
            db.Add(
                new CareVisit
                {
                    CompanyId = z.CompanyId,
                    ProjectId = z.ProjectId,
                    ZoneId = z.Id,
                    UnitId = homes[2].Id,
                    CareTaskId = welcome.Id,
                    VisitorUserId = z.StewardUserId,
                    VisitorName = steward ?? Loc.T("管家", "Steward"),
                    VisitedAt = now.AddDays(-5),
                    Asked = welcome.Outcome!,
                    FollowUp = "厨房下水慢，已报修，三天内回访",
                    FollowUpDue = today.AddDays(-2),
                }
            );
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
