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
    private readonly Dictionary<(string, DateOnly, Guid, DateOnly, DateOnly), List<DateOnly>> _dates = [];

    public async Task<int> GenerateAsync(Guid? planId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var added = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var plans = await db.Set<MaintenancePlan>()
                .AsNoTracking()
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
        var marks = new List<(Guid Plan, DateOnly Through)>();
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
            // Plans of one rule and start share their dates (a company's plan book repeats a few dozen rules): expanded once per run.
            var key = (plan.Rule, plan.StartsOn, plan.SkipNonWorkingDays ? plan.ProjectId : Guid.Empty, from, to);
            if (!_dates.TryGetValue(key, out var dates))
                _dates[key] = dates = [.. plan.DueDates(from, to, working)];
            foreach (var due in dates)
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
            marks.Add((plan.Id, to));
        }
        // One message per person per run, not one per task: a technician with thirty daily rounds gets one line, not thirty.
        foreach (var mine in tasks.Where(t => t.AssigneeUserId is not null).GroupBy(t => t.AssigneeUserId!.Value))
        {
            var first = mine.OrderBy(t => t.DueOn).ThenBy(t => t.AssetName, StringComparer.Ordinal).First();
            var byPlan = mine.GroupBy(t => t.PlanName)
                .Select(g => (Plan: g.Key, Count: g.Count(), First: g.Min(t => t.DueOn)))
                .OrderBy(x => x.First)
                .ThenBy(x => x.Plan, StringComparer.Ordinal)
                .ToList();
            var count = mine.Count();
            var list = string.Join("、", byPlan.Take(8).Select(x => $"{x.Plan} {x.Count} 项")) + (byPlan.Count > 8 ? " 等" : "");
            await notifier.NotifyAsync(
                [mine.Key],
                first.CompanyId,
                byPlan.Count == 1 ? $"保养任务：{first.PlanName}" : $"新的保养任务 {count} 项",
                count == 1
                    ? $"{first.AssetName} 的保养任务应于 {first.DueOn:yyyy-MM-dd} 完成，请在手机上按检查表逐项填写。"
                    : $"{count} 项新的保养任务：{list}。最早一项（{first.AssetName}）应于 {first.DueOn:yyyy-MM-dd} 完成，请在手机上按检查表逐项填写。",
                count == 1 ? $"/facilities/tasks/{first.Id}" : "/facilities/tasks",
                count == 1 ? $"maintenance-task:{first.Id:N}" : null,
                ct
            );
        }
        // The tasks by binary COPY (with their audit rows), the plans' marks and the messages in one transaction: a month of a
        // company's plans is a few hundred thousand tasks.
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await BulkWriter.InsertAsync(db, tasks, clock.GetUtcNow(), ct);
            // Each plan's mark (generated through), one statement per date: a bookkeeping column of the job, not a user's change,
            // so no history row per plan (the tasks it made have theirs).
            foreach (var g in marks.GroupBy(m => m.Through))
            {
                var ids = g.Select(m => m.Plan).ToList();
                var through = g.Key;
                await db.Set<MaintenancePlan>()
                    .Where(p => ids.Contains(p.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.GeneratedThrough, through), ct);
            }
            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
                // The batch is written: let its plans and messages go, or every later save would compare them again (60,000 plans
                // in a company's run).
                db.ChangeTracker.Clear();
            }
        }
        catch (Exception ex)
            when (own
                && (
                    ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                    || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                    || ex is DbUpdateConcurrencyException
                )
            )
        {
            // Another instance generated the same tasks first.
            await tx!.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return -1;
        }
        return tasks.Count;
    }
}
