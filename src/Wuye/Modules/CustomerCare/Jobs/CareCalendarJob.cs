using Wuye.Modules.CustomerCare.Features.CareCalendar;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Jobs;

/// <summary>
/// The care calendar's daily run: today's (China) move-in welcomes, birthdays, holidays, warranty reminders and business
/// anniversaries become care tasks or greetings. Hourly, so a day missed by a restart is made up; each occasion's unique key
/// keeps it to once. Greetings wait out the quiet hours in the outbox (22:00–08:00).
/// </summary>
internal sealed class CareCalendarJob(IServiceScopeFactory scopes, ILogger<CareCalendarJob> log) : WuyeJob(scopes, log)
{
    protected override Task<int> RunAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<CareCalendar>().GenerateAsync(ChinaTime.Today(services.GetRequiredService<TimeProvider>()), ct);
}
