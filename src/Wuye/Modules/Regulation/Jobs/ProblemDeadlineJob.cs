using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Jobs;

/// <summary>
/// Looks at ledger entries whose deadline has passed with no answer from the company in the current round: marks each overdue
/// once (its <see cref="ProblemLedgerEntry.OverdueAt"/>), records the bad conduct its <see cref="ProblemLedgerEntry.LateItemCode"/>
/// names when the regulator's current table has that item (with the usual objection window), and tells the company's managers.
/// </summary>
internal sealed class ProblemDeadlineJob(IServiceScopeFactory scopes, ILogger<ProblemDeadlineJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var notifier = services.GetRequiredService<Notifier>();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var due = await db.Set<ProblemLedgerEntry>()
            .Where(e =>
                e.ClosedAt == null
                && e.OverdueAt == null
                && e.Deadline < today
                && !db.Set<ProblemAnswer>().Any(a => a.ProblemLedgerEntryId == e.Id && (e.ReturnedAt == null || a.CreatedAt > e.ReturnedAt))
            )
            .OrderBy(e => e.Deadline)
            .ThenBy(e => e.Id)
            .Take(Batch)
            .ToListAsync(ct);
        var tables = new Dictionary<Guid, CreditRatingTable?>();
        foreach (var e in due)
        {
            if (!e.MarkOverdue(today, answered: false, now))
                continue;
            if (!tables.TryGetValue(e.RegulatorId, out var table))
                tables[e.RegulatorId] = table = await RegulatorTables.CurrentAsync(db, e.RegulatorId, ct);
            if (table?.Rules().Item(e.LateItemCode) is { } item)
            {
                var record = ConductRecord.Create(
                    e.RegulatorId,
                    table.Id,
                    table.AppealDays,
                    item,
                    e.CompanyId,
                    e.ProjectId,
                    null,
                    e.Deadline.AddDays(1),
                    today,
                    $"问题台账逾期未整改：{e.Title}（整改期限 {e.Deadline:yyyy-MM-dd}）",
                    ConductSource.Ledger,
                    e.Id,
                    "系统"
                );
                db.Add(record);
                e.ConductRecordId = record.Id;
            }
            var managers = await notifier.UsersWithRoleAsync(Roles.CompanyManager, e.CompanyId, null, ct);
            await notifier.NotifyAsync(
                managers,
                e.CompanyId,
                Loc.T("问题逾期未整改", "A problem is past its deadline"),
                Loc.T(
                    $"{e.Title} 已超过整改期限 {e.Deadline:yyyy-MM-dd}，已记入不良行为",
                    $"{e.Title} passed its deadline {e.Deadline:yyyy-MM-dd}; bad conduct was recorded"
                ),
                "/regulation/ledger",
                $"problem-overdue:{e.Id:N}:{e.Deadline:yyyyMMdd}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return due.Count(e => e.OverdueAt == now);
    }
}
