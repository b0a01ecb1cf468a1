using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Platform.Database;

namespace Wuye.Platform.Identity;

/// <summary>
/// Deletes the sign-in sessions (<see cref="UserSession"/>) opened more than Wuye:Accounts:SessionRetentionDays
/// ago, ended or not: a token lives 8 hours and its refresh opens a new session, so an open one that
/// old is a browser kept signed in all that time, which then signs in again. Runs hourly; idempotent by the rows themselves.
/// </summary>
public sealed class UserSessionPurgeJob(IServiceScopeFactory scopes, ILogger<UserSessionPurgeJob> log) : Jobs.WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var days = services.GetRequiredService<IOptions<WuyeOptions>>().Value.Accounts.SessionRetentionDays;
        var cutoff = services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-days);
        var db = services.GetRequiredService<WuyeDb>();
        var purged = await db.Set<UserSession>().Where(s => s.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (purged > 0)
            AccountStates.Invalidate();
        return purged;
    }
}
