using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Jobs;

/// <summary>
/// From <see cref="StaffOptions.TalkRemindDay"/> of each month, a project whose talks this month are short of
/// <see cref="StaffOptions.TalksPerMonth"/> has its project managers told once that month; in a quarter's last month, a project
/// whose staff have not all been talked with this quarter has them told once that quarter. Each telling leaves a
/// <see cref="StaffTalkNotice"/>, which the next runs leave out in SQL; the outbox key keeps each person from being told twice.
/// </summary>
internal sealed class TalkQuotaJob(IServiceScopeFactory scopes, ILogger<TalkQuotaJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    public static string Key(Guid projectId, DateOnly period, bool quarter) =>
        $"talk-quota-{(quarter ? "quarter" : "month")}:{projectId:N}:{period:yyyyMM}";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<IOptions<StaffOptions>>().Value;
        var today = ChinaTime.Today(clock);
        if (today.Day < options.TalkRemindDay)
            return 0;
        var month = StaffTalk.MonthOf(today);
        var quarter = StaffTalk.QuarterOf(today);
        var lastMonthOfQuarter = month.AddMonths(1) == quarter.AddMonths(3);
        var notices = db.Set<StaffTalkNotice>();
        var projects = db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .Where(p =>
                !notices.Any(n => n.ProjectId == p.Id && n.Period == month && !n.Quarter)
                || (lastMonthOfQuarter && !notices.Any(n => n.ProjectId == p.Id && n.Period == quarter && n.Quarter))
            );
        var acted = 0;
        foreach (var row in await StaffTalkViews.ProgressAsync(db, projects, month, options.TalksPerMonth, ct))
        {
            if (acted >= Batch)
                break;
            var told = await notices
                .Where(n => n.ProjectId == row.ProjectId && ((n.Period == month && !n.Quarter) || (n.Period == quarter && n.Quarter)))
                .Select(n => n.Quarter)
                .ToListAsync(ct);
            var companyId = await db.ProjectRefs().Where(p => p.Id == row.ProjectId).Select(p => p.CompanyId).FirstAsync(ct);
            var managers = await db
                .RoleAssignments.AsNoTracking()
                .Where(r => r.CompanyId == companyId && r.Role == Roles.ProjectManager && r.ProjectId == row.ProjectId)
                .Select(r => r.UserId)
                .Distinct()
                .ToListAsync(ct);
            if (!told.Contains(false))
            {
                if (row.MonthShort > 0 && managers.Count > 0)
                    await notifier.NotifyAsync(
                        managers,
                        companyId,
                        $"{row.ProjectName}：本月员工座谈尚差 {row.MonthShort} 次",
                        $"{row.ProjectName} {month:yyyy年M月}已座谈 {row.MonthTalks} 次，每月应不少于 {row.MonthQuota} 次，请在月底前安排。",
                        StaffTalkViews.Page,
                        Key(row.ProjectId, month, false),
                        ct
                    );
                db.Add(
                    new StaffTalkNotice
                    {
                        ProjectId = row.ProjectId,
                        Period = month,
                        Quarter = false,
                        ToldAt = clock.GetUtcNow(),
                    }
                );
            }
            if (lastMonthOfQuarter && !told.Contains(true))
            {
                if (row.QuarterShort > 0 && managers.Count > 0)
                    await notifier.NotifyAsync(
                        managers,
                        companyId,
                        $"{row.ProjectName}：本季度尚有 {row.QuarterShort} 名员工未座谈",
                        $"{row.ProjectName} {row.Quarter} 已与 {row.QuarterStaffTalked}/{row.QuarterStaff} 名员工座谈，每季度应覆盖全体员工。",
                        StaffTalkViews.Page,
                        Key(row.ProjectId, quarter, true),
                        ct
                    );
                db.Add(
                    new StaffTalkNotice
                    {
                        ProjectId = row.ProjectId,
                        Period = quarter,
                        Quarter = true,
                        ToldAt = clock.GetUtcNow(),
                    }
                );
            }
            try
            {
                await db.SaveChangesAsync(ct);
                acted++;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another run marked it first.
                db.ChangeTracker.Clear();
            }
        }
        return acted;
    }
}
