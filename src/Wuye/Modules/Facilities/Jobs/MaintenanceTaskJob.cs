using Wuye.Modules.Facilities.Features.GenerateMaintenanceTasks;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Facilities.Jobs;

/// <summary>Generates the maintenance tasks that have come due within their plans' lead days (idempotent by the plans' marks).</summary>
internal sealed class MaintenanceTaskJob(IServiceScopeFactory scopes, ILogger<MaintenanceTaskJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<TaskGenerator>().GenerateAsync(null, ct);
}
