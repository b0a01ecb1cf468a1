using Wuye.Modules.CustomerCare.Features.ContactPlans;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Jobs;

/// <summary>
/// The month's contact plans (写字楼 #6): on the 1st (China time) every zone steward's plan of households to contact (60 a month, 15
/// clients a week in an office project) and each project's analysis meeting scheduled for the 28th; on the 28th the managers are
/// reminded of it. Hourly, so a run missed by a restart is made up; database state keeps each to once.
/// </summary>
internal sealed class ContactPlanJob(IServiceScopeFactory scopes, ILogger<ContactPlanJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<MonthlyContactPlans>().RunAsync(ChinaTime.Today(services.GetRequiredService<TimeProvider>()), ct);
}
