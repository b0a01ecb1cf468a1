using Wuye.Modules.Facilities.Features.EnvironmentTasks;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Facilities.Jobs;

/// <summary>Generates today's cleaning and greening tasks of every schedule (idempotent by the schedules' marks).</summary>
internal sealed class EnvironmentTaskJob(IServiceScopeFactory scopes, ILogger<EnvironmentTaskJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<EnvironmentTaskGenerator>().GenerateAsync(null, ct);
}
