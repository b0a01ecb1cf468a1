using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.CompareMysteryAudit;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

/// <summary>暗访: confidential to the quality department and management; results apart from self-inspection, compared with it.</summary>
internal sealed class MysteryAuditsModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? MonthText { get; set; }
    public string Month { get; private set; } = "";
    public List<MysteryAuditDto> Audits { get; private set; } = [];
    public Dictionary<Guid, MysteryComparison> Comparisons { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<CheckItemDto> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager)))
            return Forbid();
        if (!Qpi.TryMonth(MonthText, out var month))
            month = Qpi.MonthOf(ChinaTime.Today(clock));
        Month = month.ToString("yyyy-MM");
        var ids = await db.Set<MysteryAudit>()
            .AsNoTracking()
            .Where(a => a.Month == month)
            .OrderBy(a => a.Title)
            .Select(a => a.Id)
            .Take(50)
            .ToListAsync(ct);
        foreach (var id in ids)
        {
            if (await MysteryAuditViews.LoadAsync(db, id, ct) is not { } a)
                continue;
            Audits.Add(a);
            if (a.Reported && await CompareMysteryAuditEndpoint.CompareAsync(db, id, ct) is { } c)
                Comparisons[id] = c;
        }
        var companies = db.Scope.FullCompanies;
        var global = db.Scope.IsGlobal;
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null && (global || companies.Contains(p.CompanyId)))
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        Items =
        [
            .. (await db.Set<CheckItem>().AsNoTracking().Where(i => i.RetiredAt == null).OrderBy(i => i.Code).ToListAsync(ct)).Select(
                CheckItemRules.ToDto
            ),
        ];
        return Page();
    }
}
