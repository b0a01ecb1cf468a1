using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ContactPlans;

/// <summary>
/// What the contact plan job does for a month (run as the system): from the 1st, a plan for every zone steward of every project
/// who has none for the month yet (the steward notified; a missed run is made up at the next, a plan the steward made stands), and
/// the project's analysis meeting scheduled for the 28th; from the 28th, the project managers (or the desk, when the project has
/// no manager) reminded once of a meeting not held. Database state keeps each to once.
/// </summary>
internal sealed class MonthlyContactPlans(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<int> RunAsync(DateOnly today, CancellationToken ct)
    {
        var month = ContactPlans.MonthOf(today);
        var made = await MakePlansAsync(month, today, ct);
        made += await ScheduleMeetingsAsync(month, ct);
        if (today >= ContactMeeting.DueFor(month))
            made += await RemindAsync(month, ct);
        return made;
    }

    /// <summary>Plans for the zones whose steward has none this month.</summary>
    public async Task<int> MakePlansAsync(DateOnly month, DateOnly today, CancellationToken ct)
    {
        var zones = await db.ZoneRefs()
            .AsNoTracking()
            .Where(z => z.StewardUserId != null && z.ArchivedAt == null)
            .Join(
                db.ProjectRefs().Where(p => p.ArchivedAt == null),
                z => z.ProjectId,
                p => p.Id,
                (z, p) =>
                    new
                    {
                        z.Id,
                        z.ProjectId,
                        p.CompanyId,
                        p.Kind,
                        StewardUserId = z.StewardUserId!.Value,
                    }
            )
            .OrderBy(z => z.ProjectId)
            .ThenBy(z => z.Id)
            .ToListAsync(ct);
        var planned = await db.Set<ContactPlan>()
            .Where(p => p.Month == month)
            .Select(p => new { p.StewardUserId, p.ProjectId })
            .ToListAsync(ct);
        var made = 0;
        foreach (var z in zones)
        {
            if (planned.Any(p => p.StewardUserId == z.StewardUserId && p.ProjectId == z.ProjectId))
                continue;
            var office = z.Kind == ProjectKind.Office;
            var picks = await ContactPlanner.ChooseAsync(db, z.ProjectId, z.Id, today, ContactPlan.TargetFor(office, month), ct);
            if (picks.Count == 0)
                continue;
            var name = await db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
            var plan = ContactPlanner.Add(db, new(z.CompanyId, z.ProjectId, z.Id, z.StewardUserId, name, month, office), picks);
            await notifier.NotifyAsync(
                [z.StewardUserId],
                z.CompanyId,
                Loc.T("本月走访计划已生成", "This month's contact plan is ready"),
                Loc.T($"{month:yyyy-MM} 需走访 {picks.Count} 户", $"{picks.Count} households to contact in {month:yyyy-MM}"),
                $"/care/contact-plans?id={plan.Id}",
                $"contact-plan:{plan.Id:N}",
                ct
            );
            await db.SaveChangesAsync(ct);
            planned.Add(new { z.StewardUserId, z.ProjectId });
            made++;
        }
        return made;
    }

    /// <summary>The analysis meeting of every project with plans this month, due on the 28th.</summary>
    public async Task<int> ScheduleMeetingsAsync(DateOnly month, CancellationToken ct)
    {
        var scheduled = db.Set<ContactMeeting>().Where(m => m.Month == month).Select(m => m.ProjectId);
        var projects = await db.Set<ContactPlan>()
            .Where(p => p.Month == month && !scheduled.Contains(p.ProjectId))
            .Select(p => new { p.ProjectId, p.CompanyId })
            .Distinct()
            .OrderBy(p => p.ProjectId)
            .ToListAsync(ct);
        foreach (var p in projects)
            db.Add(ContactMeeting.For(p.CompanyId, p.ProjectId, month));
        await db.SaveChangesAsync(ct);
        return projects.Count;
    }

    /// <summary>Reminds the managers of each meeting of the month due and not held, once.</summary>
    private async Task<int> RemindAsync(DateOnly month, CancellationToken ct)
    {
        var due = await db.Set<ContactMeeting>()
            .Where(m => m.Month == month && m.HeldAt == null && m.RemindedAt == null)
            .OrderBy(m => m.ProjectId)
            .ToListAsync(ct);
        foreach (var m in due)
        {
            var managers = await ManagersAsync(m.ProjectId, Roles.ProjectManager, ct);
            if (managers.Count == 0)
                managers = await ManagersAsync(m.ProjectId, Roles.CustomerService, ct);
            await notifier.NotifyAsync(
                managers,
                m.CompanyId,
                Loc.T("走访分析会今日召开", "The contact analysis meeting is due today"),
                Loc.T(
                    $"{m.Month:yyyy-MM} 的走访分析会定于 {m.DueOn:MM-dd}：请记录结论并将问题转为报事",
                    $"The {m.Month:yyyy-MM} meeting is due on {m.DueOn:MM-dd}: record the findings and open the issues as requests"
                ),
                $"/care/contact-meetings?id={m.Id}",
                $"contact-meeting:{m.Id:N}",
                ct
            );
            m.RemindedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    private Task<List<Guid>> ManagersAsync(Guid project, string role, CancellationToken ct) =>
        db.RoleAssignments.Where(r => r.Role == role && r.ProjectId == project).Select(r => r.UserId).Distinct().ToListAsync(ct);
}
