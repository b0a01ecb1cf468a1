using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Segments;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>客户档案 (stewards and the desk): a project's households with their computed segments, filtered by one segment.</summary>
internal sealed class HouseholdsModel(WuyeDb db, ScopeAccessor scopes, SegmentCalculator calc) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public CustomerSegment? Segment { get; set; }

    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<SegmentCountDto> Counts { get; private set; } = [];
    public List<HouseholdSegments> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(CareRoles.Stewards))
            return Forbid();
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.Count > 0 ? Projects[0].Id : null;
        if (ProjectId is { } project)
        {
            var all = await calc.ForProjectAsync(project, null, ct);
            Counts = SegmentEndpoints.Counts(all);
            var shown = Segment is { } s
                ? all.Where(r => r.Segments.Any(x => x.Segment == s)).ToList()
                : all.Where(r => r.Segments.Count > 0).ToList();
            Total = shown.Count;
            Rows = [.. shown.Take(200)];
        }
        return Page();
    }
}
