using Microsoft.Extensions.Options;
using Npgsql;

namespace Wuye.Platform.Database;

/// <summary>
/// Restarts the embedded PostgreSQL if it died under the running app (every
/// Wuye:Database:WatchdogSeconds), then drops the pool's dead connections, so the app heals
/// without a restart. Meanwhile requests answer 503 database.unavailable with Retry-After.
/// Does nothing for a server of one's own (ConnectionStrings:Wuye): that server is not ours to start.
/// </summary>
public sealed class EmbeddedPostgresWatchdog(
    DatabaseHandle handle,
    IServiceProvider services,
    IOptions<WuyeOptions> options,
    ILogger<EmbeddedPostgresWatchdog> log
) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Database.WatchdogSeconds));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await CheckAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception ex)
            {
                log.LogError(
                    ex,
                    "Could not restart the embedded PostgreSQL; trying again in {Seconds} s",
                    options.Value.Database.WatchdogSeconds
                );
            }
        }
    }

    /// <summary>One check: restarts the embedded cluster if it is not running; true when it did.</summary>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        if (handle.Embedded is not { } pg || pg.IsStopped || pg.IsRunning)
            return false;
        await _gate.WaitAsync(ct);
        try
        {
            if (pg.IsStopped || pg.IsRunning)
                return false;
            log.LogWarning("The embedded PostgreSQL is not running; restarting it");
            await pg.RestartAsync(ct);
            services.GetRequiredService<NpgsqlDataSource>().Clear();
            log.LogInformation("The embedded PostgreSQL is running again");
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
