using Wuye.Modules.Fees.Features.ReconcileOnlinePayments;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Fees.Jobs;

/// <summary>
/// Every 5 minutes asks the gateway about online orders still pending 10 minutes after they were placed, and books the paid ones
/// as their notification would (see <see cref="OrderReconciler"/>); closes those the owner never paid.
/// </summary>
internal sealed class OnlineOrderJob(IServiceScopeFactory scopes, ILogger<OnlineOrderJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OrderReconciler>().RunAsync(ct);
}
