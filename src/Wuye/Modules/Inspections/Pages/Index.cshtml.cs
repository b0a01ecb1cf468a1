using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.ListDueChecks;
using Wuye.Modules.Inspections.Features.ListInspections;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class IndexModel(WuyeDb db, DueChecks inspections, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    public List<DueCheckDto> Due { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<InspectionSummaryDto> Recent { get; private set; } = [];

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!InspectionRoles.MayInspect(db.Scope))
            return Forbid();
        Today = ChinaTime.Today(clock);
        Due = await inspections.DueAsync(null, Today, ct);
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
        Recent = await db.Set<Inspection>()
            .AsNoTracking()
            .OrderByDescending(i => i.CheckedAt)
            .Take(10)
            .Select(i => new InspectionSummaryDto(
                i.Id,
                i.ProjectId,
                db.ProjectRefs().Where(x => x.Id == i.ProjectId).Select(x => x.Name).FirstOrDefault() ?? "",
                i.InspectorName,
                i.Place,
                i.CheckedAt,
                db.Set<InspectionResult>().Count(r => r.InspectionId == i.Id),
                db.Set<Finding>().Count(f => f.InspectionId == i.Id)
            ))
            .ToListAsync(ct);
        return Page();
    }
}
