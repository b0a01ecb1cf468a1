using Wuye.Modules.Gate.Features.RenovationChecks;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Gate.Jobs;

/// <summary>Records the daily renovation checks nobody made and tells the project managers (idempotent: a day's check is unique).</summary>
internal sealed class RenovationRoundJob(IServiceScopeFactory scopes, ILogger<RenovationRoundJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<RenovationChecksHandler>().FlagMissedAsync(ct);
}
