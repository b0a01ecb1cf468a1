using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.ParkingViolations;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// Repeat parking violators (万科#15), every 5 minutes: a violation that brings its plate to <see cref="SecurityOptions.RepeatViolations"/>
/// or more in the project within <see cref="SecurityOptions.RepeatViolationDays"/> days
/// is escalated to the project manager through the outbox, once (<see cref="ParkingViolation.EscalatedAt"/>, outbox key per
/// violation); one message per plate and run. The manager's home counts the escalated violations not yet closed.
/// </summary>
internal sealed class ParkingViolationJob(IServiceScopeFactory scopes, ILogger<ParkingViolationJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        var since = now.AddDays(-settings.RepeatViolationDays);
        var candidates = await db.Set<ParkingViolation>()
            .Where(v => v.EscalatedAt == null && v.RecordedAt > since && v.RecordedAt <= now)
            .OrderByDescending(v => v.RecordedAt)
            .ThenBy(v => v.Id)
            .Take(2000)
            .ToListAsync(ct);
        var counts = await ParkingViolationHandler.WindowCountsAsync(db, candidates, settings.RepeatViolationDays, ct);
        var repeats = candidates.Where(v => counts[v.Id] >= settings.RepeatViolations).ToList();
        foreach (var plate in repeats.GroupBy(v => (v.CompanyId, v.ProjectId, v.Plate)))
        {
            var latest = plate.OrderByDescending(v => v.RecordedAt).ThenBy(v => v.Id).First();
            var to = new List<Guid>();
            foreach (var role in SecurityRoles.Escalated)
                to.AddRange(await notifier.UsersWithRoleAsync(role, plate.Key.CompanyId, plate.Key.ProjectId, ct));
            await notifier.NotifyAsync(
                to,
                plate.Key.CompanyId,
                $"违停累犯：{plate.Key.Plate}",
                $"车辆 {plate.Key.Plate} 近 {settings.RepeatViolationDays} 天违章停车 {counts[latest.Id]} 次，"
                    + $"最近一次 {ChinaTime.Text(latest.RecordedAt)} 在“{latest.Place}”"
                    + $"（{ParkingViolationHandler.KindNameZh(latest.Kind)}，通知单 {latest.Number}）。请约谈车主，必要时停用车辆通行证。",
                ParkingViolationHandler.RepeatersPage,
                $"parking-repeat:{latest.Id:N}",
                ct
            );
            foreach (var v in plate)
                v.EscalatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return repeats.Count;
    }
}
