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
/// Alerts the regulator's staff and the company's managers once when an owners' committee's term ends within
/// <see cref="OwnersCommittee.AlertDays"/> days (or has ended unrenewed), so the next election (换届) is prepared; idempotent by
/// <see cref="OwnersCommittee.TermAlertedFor"/>, which a new term clears.
/// </summary>
internal sealed class CommitteeTermJob(IServiceScopeFactory scopes, ILogger<CommitteeTermJob> log) : WuyeJob(scopes, log)
{
    private const int Batch = 200;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var notifier = services.GetRequiredService<Notifier>();
        var today = ChinaTime.Today(clock);
        var horizon = today.AddDays(OwnersCommittee.AlertDays);
        var due = await db.Set<OwnersCommittee>()
            .Where(c => c.TermEnd <= horizon && (c.TermAlertedFor == null || c.TermAlertedFor != c.TermEnd))
            .OrderBy(c => c.TermEnd)
            .ThenBy(c => c.Id)
            .Take(Batch)
            .ToListAsync(ct);
        var regulatorUsers = new Dictionary<Guid, List<Guid>>();
        var sent = 0;
        foreach (var c in due)
        {
            if (!c.MarkAlerted(today))
                continue;
            sent++;
            if (!regulatorUsers.TryGetValue(c.RegulatorId, out var staff))
                regulatorUsers[c.RegulatorId] = staff = await RegulatorTables.UsersAsync(db, c.RegulatorId, ct);
            var managers = await notifier.UsersWithRoleAsync(Roles.CompanyManager, c.CompanyId, null, ct);
            var days = c.DaysLeft(today);
            await notifier.NotifyAsync(
                staff.Concat(managers),
                c.CompanyId,
                Loc.T("业主委员会任期即将届满", "An owners' committee's term is ending"),
                days >= 0
                    ? Loc.T(
                        $"{c.Name} 第 {c.TermNo} 届任期于 {c.TermEnd:yyyy-MM-dd} 届满（还有 {days} 天），请指导做好换届",
                        $"{c.Name}: term {c.TermNo} ends on {c.TermEnd:yyyy-MM-dd} ({days} days); prepare the election"
                    )
                    : Loc.T(
                        $"{c.Name} 第 {c.TermNo} 届任期已于 {c.TermEnd:yyyy-MM-dd} 届满，尚未换届",
                        $"{c.Name}: term {c.TermNo} ended on {c.TermEnd:yyyy-MM-dd} and no new term is filed"
                    ),
                "/regulation/committees",
                $"committee-term:{c.Id:N}:{c.TermEnd:yyyyMMdd}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}
