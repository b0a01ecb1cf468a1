using Wuye.Modules.Emergencies.Features.TellOverdueDrills;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Emergencies.Jobs;

/// <summary>Tells each project's managers once when a plan's drill falls overdue (idempotent by the plan's mark).</summary>
internal sealed class DrillDueJob(IServiceScopeFactory scopes, ILogger<DrillDueJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<OverdueDrills>().TellAsync(ct);
}
