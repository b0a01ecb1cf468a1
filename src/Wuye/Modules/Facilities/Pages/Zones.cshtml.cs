using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.AssetIntactness;
using Wuye.Modules.Facilities.Features.VendorMeetings;
using Wuye.Modules.Facilities.Features.ZoneComparison;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>片区设施评比 (000#13): a project's zones ranked for a month by the upkeep of their public facilities, under the project's
/// 002 intactness indicators (street lights, fire facilities, sports facilities, car parks).</summary>
internal sealed class ZonesModel(WuyeDb db, TimeProvider clock, ZoneComparisonReader reader, IntactnessReader intactness) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    public List<NamedRef> Projects { get; private set; } = [];
    public ZoneComparisonDto? Comparison { get; private set; }
    public List<IntactnessIndicator> Indicators { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayCompareZones(db.Scope))
            return Forbid();
        var m = ChinaTime.Today(clock);
        if (Month is not null && !DateOnly.TryParseExact(Month + "-01", "yyyy-MM-dd", out m))
        {
            Error = Loc.T("月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
            m = ChinaTime.Today(clock);
        }
        Month = $"{m:yyyy-MM}";
        Projects = await db.ProjectRefs()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(200)
            .Select(p => new NamedRef(p.Id, p.Name))
            .ToListAsync(ct);
        if (ProjectId is null || Projects.All(p => p.Id != ProjectId))
            ProjectId = Projects.FirstOrDefault()?.Id;
        if (ProjectId is { } project)
        {
            Comparison = await reader.ReadAsync(project, m, ct);
            Indicators = (await intactness.ReadAsync(project, m, ct)).Indicators;
        }
        return Page();
    }
}
