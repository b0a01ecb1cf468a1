using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Jobs;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Jobs;

/// <summary>
/// Contract-expiry reminder (000#15): each live vendor whose contract ends within <see cref="Days"/> days is brought to its company's
/// managers once per contract end date (a renewed contract, with a later end, is reminded again when its time comes).
/// </summary>
internal sealed class VendorContractJob(IServiceScopeFactory scopes, ILogger<VendorContractJob> log) : WuyeJob(scopes, log)
{
    public const int Days = 60;

    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var notifier = services.GetRequiredService<Notifier>();
        var today = ChinaTime.Today(services.GetRequiredService<TimeProvider>());
        var until = today.AddDays(Days);
        var ending = await db.VendorRefs()
            .AsNoTracking()
            .Where(v => v.ArchivedAt == null && v.ContractEnd != null && v.ContractEnd >= today && v.ContractEnd <= until)
            .OrderBy(v => v.Id)
            .Take(2000)
            .ToListAsync(ct);
        var companies = ending.Select(v => v.CompanyId).Distinct().ToList();
        var managers = (
            await db
                .RoleAssignments.Where(r => r.Role == Roles.CompanyManager && r.CompanyId != null && companies.Contains(r.CompanyId.Value))
                .Select(r => new { r.UserId, CompanyId = r.CompanyId!.Value })
                .ToListAsync(ct)
        ).ToLookup(r => r.CompanyId, r => r.UserId);
        foreach (var v in ending)
            await notifier.NotifyAsync(
                managers[v.CompanyId].Distinct(),
                v.CompanyId,
                $"外包合同即将到期：{v.Name}",
                $"{v.Name} 的合同于 {v.ContractEnd:yyyy-MM-dd} 到期（{v.ContractEnd!.Value.DayNumber - today.DayNumber} 天后），请安排考评与续签或招标。",
                "/facilities/vendors",
                $"vendor-contract:{v.Id:N}:{v.ContractEnd:yyyyMMdd}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return ending.Count;
    }
}
