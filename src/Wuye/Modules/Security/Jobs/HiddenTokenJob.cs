using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Jobs;

/// <summary>
/// Hidden-token night checks (安全搜寻棒), every 2 minutes: a token not found when the shift it was hidden for ends is told to the
/// project's security supervisor through the outbox, once (<see cref="HiddenToken.AlertedAt"/>, outbox key per token).
/// </summary>
internal sealed class HiddenTokenJob(IServiceScopeFactory scopes, ILogger<HiddenTokenJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var missed = await db.Set<HiddenToken>()
            .Where(t => t.FoundAt == null && t.AlertedAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt)
            .ThenBy(t => t.Id)
            .Take(500)
            .ToListAsync(ct);
        foreach (var t in missed)
        {
            var to = new List<Guid>();
            foreach (var role in SecurityRoles.Escalated)
                to.AddRange(await notifier.UsersWithRoleAsync(role, t.CompanyId, t.ProjectId, ct));
            await notifier.NotifyAsync(
                to,
                t.CompanyId,
                $"搜寻棒未找到：{t.PostName}",
                $"{ChinaTime.Text(t.HiddenAt)} 藏于“{t.Place}”的搜寻棒，{t.GuardName ?? "当班人员"}到 "
                    + $"{ChinaTime.ToChina(t.DueAt):HH:mm} 下班仍未找到，请核实夜间巡逻情况。",
                TokenLinks.Page,
                $"hidden-token-missed:{t.Id:N}",
                ct
            );
            t.AlertedAt = now;
        }
        await db.SaveChangesAsync(ct);
        return missed.Count;
    }
}

internal static class TokenLinks
{
    public const string Page = "/security/tokens";
}
