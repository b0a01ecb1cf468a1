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
    private const int Batch = 2000;
    private readonly Dictionary<(string, DateOnly, Guid, DateOnly, DateOnly), List<DateOnly>> _dates = [];

    public async Task<int> GenerateAsync(Guid? planId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        // The plans due, a project's together: a batch then reads the assets of a few projects, not of every project its plans
        // touch (plans taken in id order spread over all of a company's projects: 60,000 assets read per batch of 500 plans).
        var due = await Due(planId, today).Select(p => new { p.Id, p.ProjectId }).ToListAsync(ct);
        var added = 0;
        foreach (var chunk in due.OrderBy(p => p.ProjectId).ThenBy(p => p.Id).Select(p => p.Id).Chunk(Batch))
        {
            // Read again with the filter: another instance may have generated some of them meanwhile.
            var plans = await Due(planId, today).Where(p => chunk.Contains(p.Id)).ToListAsync(ct);
            if (plans.Count == 0)
                continue;
            // A plan's tasks exist up to its mark, which moves with them in one transaction, so the batch is written without
            // reading its tasks first (on a task table PostgreSQL last saw empty, that read chose a scan of the whole table per
            // batch: 15 s for a company's first month). Should some exist all the same (a mark set back, another instance just
            // now), the unique key stops the write: the batch's plans are then read again and only their missing tasks written.
            // Inside a caller's transaction (a new plan's first tasks, the demo data) a clash could not be undone: read first.
            var n = await BatchAsync(
                plans,
                today,
                db.Database.CurrentTransaction is null ? null : await ExistingAsync(plans, today, ct),
                ct
            );
            if (n == Clash)
            {
                plans = await Due(planId, today).Where(p => chunk.Contains(p.Id)).ToListAsync(ct);
                n = plans.Count == 0 ? 0 : await BatchAsync(plans, today, await ExistingAsync(plans, today, ct), ct);
            }
            if (n < 0)
                break;
            added += n;
        }
        await TellAsync(ct);
        return added;
    }

    /// <summary>What one person is told at the end of a run: how many tasks of which plans, and the earliest.</summary>
    private sealed class Told(Guid companyId)
    {
        public Guid CompanyId { get; } = companyId;
        public int Count { get; set; }
        public MaintenanceTask? First { get; set; }
        public Dictionary<string, (int Count, DateOnly First)> Plans { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<Guid, Told> _told = [];

    private void Remember(IEnumerable<MaintenanceTask> tasks)
    {
        foreach (var t in tasks)
        {
            if (t.AssigneeUserId is not { } user)
                continue;
            if (!_told.TryGetValue(user, out var told))
                _told[user] = told = new Told(t.CompanyId);
            told.Count++;
            if (told.First is not { } f || t.DueOn < f.DueOn || (t.DueOn == f.DueOn && string.CompareOrdinal(t.AssetName, f.AssetName) < 0))
                told.First = t;
            told.Plans[t.PlanName] = told.Plans.TryGetValue(t.PlanName, out var x)
                ? (x.Count + 1, t.DueOn < x.First ? t.DueOn : x.First)
                : (1, t.DueOn);
        }
    }

    // One message per person per run, sent once every batch is written: not one per task nor one per batch of plans (a technician
    // with thirty daily rounds gets one line, not thirty; a company's run is 30 batches).
    private async Task TellAsync(CancellationToken ct)
    {
        if (_told.Count == 0)
            return;
        foreach (var (user, told) in _told)
        {
            var first = told.First!;
            var byPlan = told
                .Plans.Select(x => (Plan: x.Key, x.Value.Count, x.Value.First))
                .OrderBy(x => x.First)
                .ThenBy(x => x.Plan, StringComparer.Ordinal)
                .ToList();
            var count = told.Count;
            var list = string.Join("、", byPlan.Take(8).Select(x => $"{x.Plan} {x.Count} 项")) + (byPlan.Count > 8 ? " 等" : "");
            await notifier.NotifyAsync(
                [user],
                told.CompanyId,
                byPlan.Count == 1 ? $"保养任务：{first.PlanName}" : $"新的保养任务 {count} 项",
                count == 1
                    ? $"{first.AssetName} 的保养任务应于 {first.DueOn:yyyy-MM-dd} 完成，请在手机上按检查表逐项填写。"
                    : $"{count} 项新的保养任务：{list}。最早一项（{first.AssetName}）应于 {first.DueOn:yyyy-MM-dd} 完成，请在手机上按检查表逐项填写。",
                count == 1 ? $"/facilities/tasks/{first.Id}" : "/facilities/tasks",
                count == 1 ? $"maintenance-task:{first.Id:N}" : null,
                ct
            );
        }
        _told.Clear();
        await db.SaveChangesAsync(ct);
        if (db.Database.CurrentTransaction is null)
            db.ChangeTracker.Clear();
    }

    private IQueryable<MaintenancePlan> Due(Guid? planId, DateOnly today) =>
        db.Set<MaintenancePlan>()
            .AsNoTracking()
            .Where(p =>
                p.ArchivedAt == null
                && (planId == null || p.Id == planId)
                && (p.GeneratedThrough == null || p.GeneratedThrough < today.AddDays(p.LeadDays))
            );

    private const int Clash = -1;

    // The tasks of these plans from the earliest date a run may write (a plan's mark is never more than a year behind).
    private async Task<HashSet<(Guid, Guid, DateOnly)>> ExistingAsync(List<MaintenancePlan> plans, DateOnly today, CancellationToken ct)
    {
        var planIds = plans.Select(p => p.Id).ToList();
        var earliest = today.AddDays(-400);
        return (
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
    }

    /// <summary>
    /// Writes the batch's tasks (those not in <paramref name="existing"/>, when given); <see cref="Clash"/> when one existed.
    /// </summary>
    private async Task<int> BatchAsync(
        List<MaintenancePlan> plans,
        DateOnly today,
        HashSet<(Guid, Guid, DateOnly)>? existing,
        CancellationToken ct
    )
    {
        var projectIds = plans.Select(p => p.ProjectId).Distinct().ToList();
        var live = await db.AssetRefs().AsNoTracking().Where(a => a.ArchivedAt == null && projectIds.Contains(a.ProjectId)).ToListAsync(ct);
        var assets = live.ToLookup(a => a.ProjectId);
        var byId = live.ToDictionary(a => a.Id);
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
            // A plan of one asset finds it by id (most plans: a project's 300 assets compared for each would be 18 million tests).
            List<AssetRef> covered = plan.AssetId is { } one
                ? byId.TryGetValue(one, out var a) && plan.Covers(a)
                    ? [a]
                    : []
                : [.. assets[plan.ProjectId].Where(plan.Covers)];
            // Plans of one rule and start share their dates (a company's plan book repeats a few dozen rules): expanded once per run.
            var key = (plan.Rule, plan.StartsOn, plan.SkipNonWorkingDays ? plan.ProjectId : Guid.Empty, from, to);
            if (!_dates.TryGetValue(key, out var dates))
                _dates[key] = dates = [.. plan.DueDates(from, to, working)];
            foreach (var due in dates)
            foreach (var asset in covered)
            {
                if (existing?.Contains((plan.Id, asset.Id, due)) == true)
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
        // The tasks by binary COPY (with their audit rows) and the plans' marks in one transaction: a month of a
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
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
                // The batch is written: let go of what it loaded, or every later save would compare it again.
                db.ChangeTracker.Clear();
            }
            Remember(tasks);
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
            // A task of the batch existed (written by another instance just now, or before its plan's mark).
            await tx!.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Clash;
        }
        return tasks.Count;
    }
}
