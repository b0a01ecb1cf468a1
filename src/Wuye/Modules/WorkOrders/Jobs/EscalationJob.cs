using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Jobs;

/// <summary>
/// Before a limit is reached, warns the assignee (or customer service when nobody holds the job);
/// at breach, tells the project manager and the assignee. In-app and through the outbox. Each
/// (work order, clock, level) is raised once: the escalation row's unique key stops a second
/// run or a second app instance, and the mark, the timeline entry and the messages commit together.
/// Paused jobs are skipped: their clocks are stopped.
/// </summary>
internal sealed class EscalationJob(IServiceScopeFactory scopes, ILogger<EscalationJob> log, IOptions<WorkOrdersOptions> options)
    : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var warnBefore = TimeSpan.FromMinutes(options.Value.WarnBeforeMinutes);
        var horizon = now + warnBefore;
        // Work orders looked at per run; the rest wait for the next run (every minute).
        var batch = options.Value.EscalationBatchSize;
        var active = new[] { WorkOrderStatus.New, WorkOrderStatus.Dispatched, WorkOrderStatus.Accepted, WorkOrderStatus.OnSite };
        // A clock still needs attention when it is due within the horizon and its breach (or,
        // before the limit, its warning) has not been raised yet. Filtering the raised ones in
        // SQL keeps a backlog of long-breached jobs from filling every batch and starving new ones.
        var raisedRows = db.Set<WorkOrderEscalation>();
        var candidates = await db.Set<WorkOrder>()
            .AsNoTracking()
            .Where(w =>
                active.Contains(w.Status)
                && (
                    (
                        w.AcceptedAt == null
                        && w.ResponseDueAt != null
                        && w.ResponseDueAt <= horizon
                        && !raisedRows.Any(e =>
                            e.WorkOrderId == w.Id
                            && e.Clock == SlaClock.Response
                            && (e.Level == EscalationLevel.Breach || w.ResponseDueAt > now)
                        )
                    )
                    || (
                        w.ArrivedAt == null
                        && w.ArrivalDueAt != null
                        && w.ArrivalDueAt <= horizon
                        && !raisedRows.Any(e =>
                            e.WorkOrderId == w.Id
                            && e.Clock == SlaClock.Arrival
                            && (e.Level == EscalationLevel.Breach || w.ArrivalDueAt > now)
                        )
                    )
                    || (
                        w.CompletedAt == null
                        && w.CompletionDueAt != null
                        && w.CompletionDueAt <= horizon
                        && !raisedRows.Any(e =>
                            e.WorkOrderId == w.Id
                            && e.Clock == SlaClock.Completion
                            && (e.Level == EscalationLevel.Breach || w.CompletionDueAt > now)
                        )
                    )
                )
            )
            .OrderBy(w => w.CompletionDueAt)
            .Take(batch)
            .ToListAsync(ct);
        if (candidates.Count == 0)
            return 0;
        var ids = candidates.Select(w => w.Id).ToList();
        var raised = (
            await db.Set<WorkOrderEscalation>()
                .AsNoTracking()
                .Where(e => ids.Contains(e.WorkOrderId))
                .Select(e => new
                {
                    e.WorkOrderId,
                    e.Clock,
                    e.Level,
                })
                .ToListAsync(ct)
        ).Select(e => (e.WorkOrderId, e.Clock, e.Level)).ToHashSet();
        var numbers = await db.Set<ServiceRequest>()
            .AsNoTracking()
            .Where(r => candidates.Select(w => w.ServiceRequestId).Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Number, ct);

        var acted = 0;
        foreach (var wo in candidates)
        {
            foreach (
                var (clock, due, met) in new[]
                {
                    (SlaClock.Response, wo.ResponseDueAt, wo.AcceptedAt is not null),
                    (SlaClock.Arrival, wo.ArrivalDueAt, wo.ArrivedAt is not null),
                    (SlaClock.Completion, wo.CompletionDueAt, wo.CompletedAt is not null),
                }
            )
            {
                if (met || due is not { } d)
                    continue;
                var lead = TimeSpan.FromTicks(Math.Min(warnBefore.Ticks, Math.Max(0, (d - wo.ClockStartedAt).Ticks / 2)));
                EscalationLevel? level =
                    now >= d ? EscalationLevel.Breach
                    : now >= d - lead ? EscalationLevel.Warning
                    : null;
                if (level is not { } lv || raised.Contains((wo.Id, clock, lv)))
                    continue;
                if (await RaiseAsync(db, notifier, wo, numbers.GetValueOrDefault(wo.ServiceRequestId) ?? "", clock, lv, d, now, ct))
                    acted++;
            }
        }
        return acted;
    }

    private static async Task<bool> RaiseAsync(
        WuyeDb db,
        Notifier notifier,
        WorkOrder wo,
        string number,
        SlaClock clock,
        EscalationLevel level,
        DateTimeOffset due,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var clockName = clock switch
        {
            SlaClock.Response => "响应",
            SlaClock.Arrival => "到场",
            _ => "完成",
        };
        var title = level == EscalationLevel.Warning ? $"工单 {number} {clockName}即将超时" : $"工单 {number} {clockName}已超时";
        var body = $"{clockName}时限 {ChinaTime.Text(due)}" + (wo.AssigneeName is { } n ? $"，处理人 {n}" : "，尚未指派");
        db.Add(
            new WorkOrderEscalation
            {
                CompanyId = wo.CompanyId,
                ProjectId = wo.ProjectId,
                ZoneId = wo.ZoneId,
                UnitId = wo.UnitId,
                WorkOrderId = wo.Id,
                Clock = clock,
                Level = level,
                At = now,
            }
        );
        db.Add(
            new WorkOrderEvent
            {
                CompanyId = wo.CompanyId,
                ProjectId = wo.ProjectId,
                ZoneId = wo.ZoneId,
                UnitId = wo.UnitId,
                ServiceRequestId = wo.ServiceRequestId,
                WorkOrderId = wo.Id,
                At = now,
                ActorName = "系统",
                Kind = level == EscalationLevel.Warning ? EventKind.Warned : EventKind.Breached,
                Note = body,
            }
        );
        var to = new List<Guid>();
        if (wo.AssigneeUserId is { } a)
            to.Add(a);
        if (level == EscalationLevel.Breach)
            to.AddRange(await notifier.UsersWithRoleAsync(Roles.ProjectManager, wo.CompanyId, wo.ProjectId, ct));
        else if (wo.AssigneeUserId is null)
            to.AddRange(await notifier.UsersWithRoleAsync(Roles.CustomerService, wo.CompanyId, wo.ProjectId, ct));
        await notifier.NotifyAsync(
            to,
            wo.CompanyId,
            title,
            body,
            $"/service-requests/{wo.ServiceRequestId}",
            $"escalation:{wo.Id:N}:{clock}:{level}",
            ct
        );
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance raised it first; nothing of ours was written.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
