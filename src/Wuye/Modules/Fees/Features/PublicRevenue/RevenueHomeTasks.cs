using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.PublicRevenue;

/// <summary>
/// For the managers who publish public revenue: the half years of their projects that have ended with ledger entries (the last
/// two years) or, for the last one, an owners' share in force, and no published statement yet — 待公示公共收益, linking to the
/// oldest of them on the ledger page.
/// </summary>
internal sealed class RevenueHomeTasks(WuyeDb db, TimeProvider clock) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (!RevenueRoles.Publishers.Contains(role))
            return [];
        var last = HalfYear.Of(ChinaTime.Today(clock)).Previous;
        var (from, to) = (last.Previous.Previous.Previous.Start, last.End);
        var entries = await db.Set<RevenueEntry>()
            .AsNoTracking()
            .Where(e => e.Date >= from && e.Date <= to)
            .Select(e => new
            {
                e.ProjectId,
                e.Date.Year,
                Half = e.Date.Month <= 6 ? 1 : 2,
            })
            .Distinct()
            .ToListAsync(ct);
        var shared = await db.Set<OwnerShareSetting>()
            .AsNoTracking()
            .Where(s => s.EffectiveFrom <= to)
            .Select(s => s.ProjectId)
            .Distinct()
            .ToListAsync(ct);
        var published = (
            await db.Set<RevenueStatement>()
                .AsNoTracking()
                .Where(s => s.Year >= from.Year)
                .Select(s => new
                {
                    s.ProjectId,
                    s.Year,
                    s.Half,
                })
                .Distinct()
                .ToListAsync(ct)
        ).Select(s => (s.ProjectId, new HalfYear(s.Year, s.Half))).ToHashSet();
        var due = entries
            .Select(e => (e.ProjectId, Period: new HalfYear(e.Year, e.Half)))
            .Concat(shared.Select(p => (ProjectId: p, Period: last)))
            .Distinct()
            .Where(x => !published.Contains(x))
            .OrderBy(x => x.Period.Year)
            .ThenBy(x => x.Period.Half)
            .ThenBy(x => x.ProjectId)
            .ToList();
        if (due.Count == 0)
            return [];
        var (project, period) = due[0];
        return
        [
            new(
                Loc.T("待公示公共收益", "Public revenue to publish"),
                due.Count,
                $"/fees/public-revenue?projectId={project}&year={period.Year}&half={period.Half}"
            ),
        ];
    }
}
