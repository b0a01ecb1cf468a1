using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.EnergyAnalysis;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>月度能耗分析: a project's use per month by kind against last year (a chart), by meter and by building; .xlsx export.</summary>
internal sealed class EnergyModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>The chart view: kind (this year against last, by kind), meter, building, or yoy (the change on last year in %).</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    public static readonly string[] Views = ["kind", "meter", "building", "yoy"];

    public static string ViewName(string v) =>
        v switch
        {
            "meter" => Loc.T("按表计", "By meter"),
            "building" => Loc.T("按楼栋", "By building"),
            "yoy" => Loc.T("同比", "Year on year"),
            _ => Loc.T("按类型", "By kind"),
        };

    public static string Series(IEnumerable<object> series) => System.Text.Json.JsonSerializer.Serialize(series);

    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public EnergyAnalysisDto? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayRead(db.Scope))
            return Forbid();
        var withMeters = await db.Set<Meter>().Select(m => m.ProjectId).Distinct().ToListAsync(ct);
        Projects =
        [
            .. (await db.ProjectRefs().Where(p => withMeters.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct)).Select(p =>
                (p.Id, p.Name)
            ),
        ];
        ProjectId ??= Projects.Select(p => (Guid?)p.Id).FirstOrDefault();
        View = Views.Contains(View) ? View : "kind";
        var year = Year is >= 2000 and <= 2100 ? Year.Value : ChinaTime.Today(clock).Year;
        Year = year;
        if (ProjectId is { } project && Projects.Any(p => p.Id == project))
            Report = await EnergyAnalysisReader.ReadAsync(db, project, year, ct);
        return Page();
    }
}
