using Wuye.Modules.WorkOrders.Features.RollUpMetrics;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.WorkOrders.Jobs;

/// <summary>
/// Keeps the rollup close behind the records, so a metrics read seldom has to refresh first
/// (it does when anything is stale, so figures are never behind).
/// </summary>
internal sealed class MetricsRollupJob(IServiceScopeFactory scopes, ILogger<MetricsRollupJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var refresher = services.GetRequiredService<MetricsRollupRefresher>();
        return await refresher.AnyStaleAsync(ct) ? await refresher.RefreshAsync(ct) : 0;
    }
}
