using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Complaints.Jobs;

/// <summary>
/// Timed escalation (the ladder is <see cref="Complaint.TimedEscalation"/>): a VIP or major complaint still open goes to the
/// project manager after the project's hours (when not at once) and to company management after its longer hours; any
/// complaint past its promised reply goes to the project manager. Each (complaint, level) is
/// raised once: the escalation row's unique key stops a second run or instance.
/// </summary>
internal sealed class ComplaintEscalationJob(IServiceScopeFactory scopes, ILogger<ComplaintEscalationJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var escalator = services.GetRequiredService<ComplaintEscalator>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var open = await db.Set<Complaint>()
            .AsNoTracking()
            .Where(c =>
                c.Status == ComplaintStatus.Open
                && c.EscalationLevel < 2
                && (c.Vip || c.Major != null || (c.EscalationLevel == 0 && c.ReplyDueAt < now))
            )
            .OrderBy(c => c.ReceivedAt)
            .Take(1000)
            .ToListAsync(ct);
        if (open.Count == 0)
            return 0;
        var settings = await db.Set<ComplaintSettings>().AsNoTracking().ToDictionaryAsync(s => s.ProjectId, ct);
        var acted = 0;
        foreach (var snapshot in open)
        {
            var s = settings.GetValueOrDefault(snapshot.ProjectId) ?? ComplaintSettings.Defaults(snapshot.CompanyId, snapshot.ProjectId);
            if (snapshot.TimedEscalation(s, now) is null)
                continue;
            // Asked again of the row as it is now: a rival run may have raised it since the list was read, and its
            // message key no longer stops this run (the notifier skips a key already queued), so the timeline would
            // show the escalation twice. A rival that commits after this read fails this save on the row's version.
            var c = await db.Set<Complaint>().FirstAsync(x => x.Id == snapshot.Id, ct);
            if (c.TimedEscalation(s, now) is not { } due)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            await escalator.RaiseAsync(c, due.Level, "系统", due.Reason, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                acted++;
            }
            catch (DbUpdateException ex)
                when (ex is DbUpdateConcurrencyException
                    || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
                )
            {
                // Raised (or changed) a moment ago by another run; nothing of ours was written.
            }
            db.ChangeTracker.Clear();
        }
        return acted;
    }
}
