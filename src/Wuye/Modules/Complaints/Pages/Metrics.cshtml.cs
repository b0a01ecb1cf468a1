using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.ComplaintFigures;
using Wuye.Modules.Complaints.Features.ComplaintWarnings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>Complaint figures by company, project, month, category, zone, building or department, and the early warnings.</summary>
internal sealed class MetricsModel(WuyeDb db, ComplaintFiguresHandler metrics, ComplaintWarningsHandler warnings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintGroup GroupBy { get; set; } = ComplaintGroup.Project;

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }
    public ComplaintMetricsResult? Result { get; private set; }
    public List<ComplaintWarning> Warnings { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!db.Scope.IsGlobal && !ComplaintRoles.MetricsReaders.Any(db.Scope.Roles.Contains))
            return Forbid();
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        Error = await PageActions.TryAsync(ModelState, async () => Result = await metrics.ComputeAsync(From, To, GroupBy, ProjectId, ct));
        Result ??= await metrics.ComputeAsync(null, null, GroupBy, ProjectId, ct);
        Warnings = await warnings.WarningsAsync(ProjectId, ct);
        return Page();
    }
}
