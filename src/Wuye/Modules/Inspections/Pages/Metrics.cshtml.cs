using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.QpiMetrics;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class MetricsModel(WuyeDb db, QpiMetricsQuery metrics, TimeProvider clock) : InspectionPage(InspectionRoles.MayInspect)
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public QpiReport Report { get; private set; } = null!;
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A month that does not parse falls back to this month rather than failing the page.
        if (!Qpi.TryMonth(Month, out var month))
            month = Qpi.MonthOf(ChinaTime.Today(clock));
        Report = await metrics.ComputeAsync(month, ProjectId, null, ct);
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
    }
}
