using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffAssessments;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Jobs;

/// <summary>
/// From the 1st of each month (China time), closes the month before for every project with staff on its register: the scores
/// are computed from the whole month's records, ranked and stored with a <see cref="StaffAssessmentMonth"/> mark (one per
/// project and month, so a month is never closed twice; the next runs leave closed projects out in SQL), and the project's
/// managers are told that the ranking is ready to review (the outbox key keeps each from being told twice).
/// </summary>
internal sealed class AssessmentCloseJob(IServiceScopeFactory scopes, ILogger<AssessmentCloseJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    public static string Key(Guid projectId, DateOnly month) => $"staff-assessment:{projectId:N}:{month:yyyyMM}";

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var clock = services.GetRequiredService<TimeProvider>();
        var month = StaffTalk.MonthOf(ChinaTime.Today(clock)).AddMonths(-1);
        var closed = db.Set<StaffAssessmentMonth>().Where(m => m.Month == month);
        var staff = db.StaffRefs().Where(s => s.ArchivedAt == null);
        var due = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && !closed.Any(m => m.ProjectId == p.Id) && staff.Any(s => s.ProjectId == p.Id))
            .OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.CompanyId,
                p.Name,
            })
            .Take(Batch)
            .ToListAsync(ct);
        var acted = 0;
        foreach (var p in due)
        {
            var done = await StaffScores.StageCloseAsync(db, p.CompanyId, p.Id, month, clock.GetUtcNow(), ct);
            if (done is null)
                continue;
            var managers = await db
                .RoleAssignments.AsNoTracking()
                .Where(r => r.CompanyId == p.CompanyId && r.Role == Roles.ProjectManager && r.ProjectId == p.Id)
                .Select(r => r.UserId)
                .Distinct()
                .ToListAsync(ct);
            if (managers.Count > 0)
                await notifier.NotifyAsync(
                    managers,
                    p.CompanyId,
                    $"{p.Name}：{month:yyyy年M月}人员考核排名待审阅",
                    $"{p.Name} {month:yyyy年M月} 的 {done.People} 名员工月度考核已结算（品质核查、工单及时率、投诉、考试），请审阅排名。",
                    $"{StaffScores.Page}?month={month:yyyy-MM}",
                    Key(p.Id, month),
                    ct
                );
            if (await StaffScores.SaveOnceAsync(db, ct))
                acted++;
        }
        return acted;
    }
}
