using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.CustomerCare.Jobs;

/// <summary>
/// Pushes the notices published for a later moment once that moment has come (a notice pushed at publishing is
/// already marked). Every minute; <see cref="Notice.PushedAt"/> and the outbox's dedupe key keep it to once.
/// </summary>
internal sealed class NoticePushJob(IServiceScopeFactory scopes, ILogger<NoticePushJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var recipients = services.GetRequiredService<NoticeRecipients>();
        var due = await db.Set<Notice>()
            .Where(n =>
                n.Status == NoticeStatus.Published
                && n.PushedAt == null
                && (n.Push || n.Kind == Contracts.NoticeKind.Emergency)
                && n.PublishedAt <= now
                && (n.ExpiresAt == null || n.ExpiresAt > now)
            )
            .OrderBy(n => n.PublishedAt)
            .Take(50)
            .ToListAsync(ct);
        foreach (var n in due)
        {
            await recipients.PrepareAsync(n, ct);
            await db.SaveChangesAsync(ct);
        }
        return due.Count;
    }
}
