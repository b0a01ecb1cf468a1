using Wuye.Modules.Fees.Features.ArrearsReminders;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Fees.Jobs;

/// <summary>
/// Chases overdue bills (催缴): every hour takes the next due step of each bill past its due date — a notice in the app and
/// by e-mail, an SMS, a steward's visit — on the days set in Wuye:Fees:Reminders. Each step once per bill, so a second run
/// or a second instance changes nothing.
/// </summary>
internal sealed class ArrearsReminderJob(IServiceScopeFactory scopes, ILogger<ArrearsReminderJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<ArrearsRemindersHandler>().RunAsync(ct);
}
