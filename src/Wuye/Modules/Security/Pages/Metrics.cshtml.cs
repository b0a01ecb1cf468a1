using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.SecurityMetrics;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>安保指标 by project and month, computed from the records, with a chart of the rates (ECharts) and the table.</summary>
internal sealed class MetricsModel(WuyeDb db, SecurityMetricsHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }
    public SecurityMetricsDto? Result { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayReadMetrics(db.Scope))
            return Forbid();
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .Where(p => p.ArchivedAt == null && db.Set<SecurityPost>().Any(s => s.ProjectId == p.Id))
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Take(200)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        ProjectId ??= Projects.Count == 1 ? Projects[0].Id : null;
        try
        {
            var (f, t) = handler.Range(string.IsNullOrWhiteSpace(From) ? null : From, string.IsNullOrWhiteSpace(To) ? null : To);
            Result = await handler.ComputeAsync(ProjectId, f, t, ct);
        }
        catch (ValidationException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
            var (f, t) = handler.Range(null, null);
            Result = await handler.ComputeAsync(ProjectId, f, t, ct);
        }
        return Page();
    }

    public static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.#") + "%" : "—";
}
