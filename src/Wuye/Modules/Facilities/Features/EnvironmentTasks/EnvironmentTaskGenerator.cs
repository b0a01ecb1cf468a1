using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnvironmentTasks;

/// <summary>
/// Generates the environment tasks of every active schedule of a live zone up to today: from the day after
/// <see cref="EnvironmentSchedule.GeneratedThrough"/> (or the schedule's start, never before the schedule existed nor more than a
/// week back) through today, each due day's rounds once (the schedule's mark, the existing tasks and the unique key all say so).
/// Each person whose zones got tasks is told once per day and run (in-app and other channels), not once per task.
/// </summary>
internal sealed class EnvironmentTaskGenerator(WuyeDb db, TimeProvider clock, IProjectCalendars calendars, Notifier notifier)
{
    private const int Batch = 500;

    public async Task<int> GenerateAsync(Guid? scheduleId, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var added = 0;
        var seen = new HashSet<Guid>();
        while (true)
        {
            var schedules = await db.Set<EnvironmentSchedule>()
                .Where(s =>
                    s.ArchivedAt == null
                    && (scheduleId == null || s.Id == scheduleId)
                    && (s.GeneratedThrough == null || s.GeneratedThrough < today)
                )
                .OrderBy(s => s.Id)
                .Take(Batch)
                .ToListAsync(ct);
            schedules.RemoveAll(s => !seen.Add(s.Id));
            if (schedules.Count == 0)
                return added;
            var n = await BatchAsync(schedules, today, ct);
            if (n < 0)
                return added;
            added += n;
        }
    }

    private async Task<int> BatchAsync(List<EnvironmentSchedule> schedules, DateOnly today, CancellationToken ct)
    {
        var zoneIds = schedules.Select(s => s.EnvironmentZoneId).Distinct().ToList();
        var zones = await db.Set<EnvironmentZone>().AsNoTracking().Where(z => zoneIds.Contains(z.Id)).ToDictionaryAsync(z => z.Id, ct);
        var ids = schedules.Select(s => s.Id).ToList();
        var earliest = today.AddDays(-8);
        var existing = (
            await db.Set<EnvironmentTask>()
                .AsNoTracking()
                .Where(t => ids.Contains(t.EnvironmentScheduleId) && t.DueOn >= earliest)
                .Select(t => new
                {
                    t.EnvironmentScheduleId,
                    t.DueOn,
                    t.Round,
                })
                .ToListAsync(ct)
        ).Select(t => (t.EnvironmentScheduleId, t.DueOn, t.Round)).ToHashSet();
        var days = new Dictionary<Guid, IWorkingDays>();
        var tasks = new List<EnvironmentTask>();
        foreach (var s in schedules)
        {
            if (!zones.TryGetValue(s.EnvironmentZoneId, out var zone) || zone.ArchivedAt is not null)
            {
                s.GeneratedThrough = today;
                continue;
            }
            var created = s.CreatedAt == default ? today : DateOnly.FromDateTime(ChinaTime.ToChina(s.CreatedAt).DateTime);
            var from = s.GeneratedThrough?.AddDays(1) ?? (s.StartsOn > created ? s.StartsOn : created);
            if (from < today.AddDays(-7))
                from = today.AddDays(-7);
            Func<DateOnly, bool>? working = null;
            if (s.SkipNonWorkingDays)
            {
                if (!days.TryGetValue(s.ProjectId, out var cal))
                    days[s.ProjectId] = cal = await calendars.ForProjectAsync(s.CompanyId, s.ProjectId, ct);
                working = cal.IsWorkingDay;
            }
            foreach (var due in s.DueDates(from, today, working))
                tasks.AddRange(s.TasksOn(due, zone).Where(t => existing.Add((s.Id, t.DueOn, t.Round))));
            s.GeneratedThrough = today;
        }
        db.AddRange(tasks);
        foreach (var g in tasks.Where(t => t.AssigneeUserId is not null).GroupBy(t => (t.AssigneeUserId!.Value, t.CompanyId, t.DueOn)))
            await notifier.NotifyAsync(
                [g.Key.Item1],
                g.Key.CompanyId,
                $"保洁绿化任务：{g.Key.DueOn:yyyy-MM-dd} 共 {g.Count()} 项",
                $"{string.Join("、", g.Select(t => t.ZoneName).Distinct().Take(5))} 的作业任务已生成，完成后请在手机上拍照确认。",
                "/facilities/environment",
                $"environment-tasks:{g.First().Id:N}",
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
            // Another instance generated the same tasks (or told the same person) first.
            db.ChangeTracker.Clear();
            return -1;
        }
        return tasks.Count;
    }
}
