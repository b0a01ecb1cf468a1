using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.SecurityDuties;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// Overdue security duties, every 15 minutes: a duty past its due date (computed from its records, the completed fire drills and
/// the fire-system maintenance) is told to the project manager through the outbox once per due date (<see
/// cref="SecurityDuty.AlertedDueOn"/>, outbox key per duty and due date). The manager's home page counts the overdue duties.
/// </summary>
internal sealed class SecurityDutyJob(IServiceScopeFactory scopes, ILogger<SecurityDutyJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var handler = services.GetRequiredService<SecurityDutyHandler>();
        var duties = await db.Set<SecurityDuty>().Where(d => d.ArchivedAt == null).OrderBy(d => d.Id).Take(5000).ToListAsync(ct);
        var statuses = (await handler.StatusesOfAsync(duties, ct)).ToDictionary(s => s.Id);
        var told = 0;
        foreach (var d in duties)
        {
            var s = statuses[d.Id];
            if (!s.Overdue || d.AlertedDueOn == s.DueOn)
                continue;
            var to = new List<Guid>();
            foreach (var role in SecurityRoles.Escalated)
                to.AddRange(await notifier.UsersWithRoleAsync(role, d.CompanyId, d.ProjectId, ct));
            var last = s.LastDoneOn is { } l ? $"上次完成于 {l:yyyy-MM-dd}" : "尚未完成过";
            await notifier.NotifyAsync(
                to,
                d.CompanyId,
                $"安保职责逾期：{d.Name}",
                $"{SecurityDutyHandler.KindNameZh(d.Kind)}“{d.Name}”应于 {s.DueOn:yyyy-MM-dd} 前完成（每 {d.EveryDays} 天一次），{last}。请尽快安排。",
                SecurityDutyHandler.Page,
                $"security-duty:{d.Id:N}:{s.DueOn:yyyyMMdd}",
                ct
            );
            d.AlertedDueOn = s.DueOn;
            told++;
        }
        await db.SaveChangesAsync(ct);
        return told;
    }
}
