using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Features.Metrics;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>The work-order figures with a chart; the same computation as /api/v1/work-order-metrics.</summary>
internal sealed class MetricsModel(WuyeDb db, WorkOrderMetrics metrics) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public MetricsGroup? GroupBy { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public MetricsResult Result { get; private set; } = null!;
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (db.Scope.Roles is [Wuye.Platform.Identity.Roles.Owner])
            return Forbid();
        Result = await metrics.ComputeAsync(
            new MetricsQuery(From, To, GroupBy ?? MetricsGroup.Month, null, ProjectId, null, null, null),
            ct
        );
        Projects =
        [
            .. (await db.ProjectRefs().AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p =>
                (p.Id, p.Name)
            ),
        ];
        return Page();
    }

    public static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0") + "%" : "—";
}
