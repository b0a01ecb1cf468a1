using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.MonthlyVisitReport;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>The monthly return-visit report, print-ready (the browser's print to PDF), with the .xlsx download beside it.</summary>
internal sealed class VisitReportModel(WuyeDb db, VisitReports reports, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public VisitReport Report { get; private set; } = null!;
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(db.Scope.IsGlobal || db.Scope.Roles.Any(WorkOrderRoles.Dispatchers.Contains)))
            return Forbid();
        Month ??= ChinaTime.Month(clock.GetUtcNow());
        try
        {
            Report = await reports.BuildAsync(Month.Value, ProjectId, ct);
        }
        catch (Wuye.Platform.Web.ValidationException)
        {
            Month = ChinaTime.Month(clock.GetUtcNow());
            Report = await reports.BuildAsync(Month.Value, ProjectId, ct);
        }
        Projects =
        [
            .. (await db.ProjectRefs().AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p =>
                (p.Id, p.Name)
            ),
        ];
        return Page();
    }
}
