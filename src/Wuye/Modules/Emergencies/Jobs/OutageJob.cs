using Wuye.Modules.Emergencies.Features.RemindOutages;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Emergencies.Jobs;

/// <summary>Watches planned outages: reminds of a notice not sent, marks the start, asks about an overrun (idempotent by the marks).
/// </summary>
internal sealed class OutageJob(IServiceScopeFactory scopes, ILogger<OutageJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OutageWatch>().RunAsync(ct);
}
