using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.GenerateBills;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Jobs;

/// <summary>
/// From the billing day of each month (China time; Wuye:Fees:BillingDay, default the 1st), issues
/// that month's bills for every project with fee items, and tells the owners. Runs every ten
/// minutes; a unit already billed for the month is skipped, so later runs and a second instance
/// change nothing, and a unit handed over mid-month is billed on the next run.
/// </summary>
internal sealed class MonthlyBillJob(IServiceScopeFactory scopes, ILogger<MonthlyBillJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var clock = services.GetRequiredService<TimeProvider>();
        var options = services.GetRequiredService<IOptions<FeesOptions>>().Value;
        var generate = services.GetRequiredService<GenerateBillsHandler>();
        var today = ChinaTime.Today(clock);
        if (today.Day < options.BillingDay)
            return 0;
        var period = Periods.Of(today);
        var items = db.Set<FeeItem>().Where(i => i.ArchivedAt == null);
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && items.Any(i => i.ProjectId == p.Id))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .ToListAsync(ct);
        var made = 0;
        foreach (var p in projects)
        {
            made += (await generate.HandleAsync(p, period, notify: true, ct)).Created;
            db.ChangeTracker.Clear();
        }
        return made;
    }
}
