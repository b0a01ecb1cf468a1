using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.GenerateMaintenanceTasks;

/// <summary>
/// Generates the tasks of every active plan whose next dates have come within its lead days: from the day after
/// <see cref="MaintenancePlan.GeneratedThrough"/> (or the plan's start, never before the plan existed) to today + lead days, one per
/// covered asset not archived and date, never twice (the plan's mark, the existing tasks and the unique key all say so). Each task
/// reaches the plan's responsible person (in-app and other channels).
/// </summary>
internal sealed class TaskGenerator(WuyeDb db, TimeProvider clock, IProjectCalendars calendars, Notifier notifier)
{
    private const int Batch = 500;

    public async Task<int> GenerateAsync(Guid? planId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var added = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var plans = await db.Set<MaintenancePlan>()
                .Where(p =>
                    p.ArchivedAt == null
                    && (planId == null || p.Id == planId)
                    && (p.GeneratedThrough == null || p.GeneratedThrough < today.AddDays(p.LeadDays))
                )
                .OrderBy(p => p.Id)
                .Take(Batch)
                .ToListAsync(ct);
            plans.RemoveAll(p => !seen.Add(p.Id));
            if (plans.Count == 0)
                return added;
            var n = await BatchAsync(plans, today, ct);
            if (n < 0)
                return added;
            added += n;
        }
    }

    private async Task<int> BatchAsync(List<MaintenancePlan> plans, DateOnly today, CancellationToken ct)
    {
        var projectIds = plans.Select(p => p.ProjectId).Distinct().ToList();
        var assets = (
            await db.AssetRefs().AsNoTracking().Where(a => a.ArchivedAt == null && projectIds.Contains(a.ProjectId)).ToListAsync(ct)
        ).ToLookup(a => a.ProjectId);
        var planIds = plans.Select(p => p.Id).ToList();
        var earliest = today.AddDays(-400);
        var existing = (
            await db.Set<MaintenanceTask>()
                .AsNoTracking()
                .Where(t => planIds.Contains(t.MaintenancePlanId) && t.DueOn >= earliest)
                .Select(t => new
                {
                    t.MaintenancePlanId,
                    t.AssetId,
                    t.DueOn,
                })
                .ToListAsync(ct)
        ).Select(t => (t.MaintenancePlanId, t.AssetId, t.DueOn)).ToHashSet();
        var days = new Dictionary<Guid, IWorkingDays>();
        var tasks = new List<MaintenanceTask>();
        foreach (var plan in plans)
        {
            var created = plan.CreatedAt == default ? today : DateOnly.FromDateTime(ChinaTime.ToChina(plan.CreatedAt).DateTime);
            var from = plan.GeneratedThrough?.AddDays(1) ?? (plan.StartsOn > created ? plan.StartsOn : created);
            var to = today.AddDays(plan.LeadDays);
            Func<DateOnly, bool>? working = null;
            if (plan.SkipNonWorkingDays)
            {
                if (!days.TryGetValue(plan.ProjectId, out var cal))
                    days[plan.ProjectId] = cal = await calendars.ForProjectAsync(plan.CompanyId, plan.ProjectId, ct);
                working = cal.IsWorkingDay;
            }
            var covered = assets[plan.ProjectId].Where(plan.Covers).ToList();
            foreach (var due in plan.DueDates(from, to, working))
            foreach (var asset in covered)
            {
                if (!existing.Add((plan.Id, asset.Id, due)))
                    continue;
                tasks.Add(
                    new MaintenanceTask
                    {
                        CompanyId = plan.CompanyId,
                        ProjectId = plan.ProjectId,
                        MaintenancePlanId = plan.Id,
                        AssetId = asset.Id,
                        PlanName = plan.Name,
                        AssetName = $"{asset.Code} {asset.Name}",
                        DueOn = due,
                        AssigneeUserId = plan.ResponsibleUserId,
                    }
                );
            }
            plan.GeneratedThrough = to;
        }
        db.AddRange(tasks);
        foreach (var t in tasks.Where(t => t.AssigneeUserId is not null))
            await notifier.NotifyAsync(
                [t.AssigneeUserId!.Value],
                t.CompanyId,
                $"保养任务：{t.PlanName}",
                $"{t.AssetName} 的保养任务应于 {t.DueOn:yyyy-MM-dd} 完成，请在手机上按检查表逐项填写。",
                $"/facilities/tasks/{t.Id}",
                $"maintenance-task:{t.Id:N}",
                ct
            );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
            when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                || ex is DbUpdateConcurrencyException
            )
        {
            // Another instance generated the same tasks first.
            db.ChangeTracker.Clear();
            return -1;
        }
        return tasks.Count;
    }
}
