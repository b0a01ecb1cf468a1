using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class PlansModel(WuyeDb db, TimeProvider clock) : InspectionPage(InspectionRoles.MayInspect)
{
    public List<PlanDto> Plans { get; private set; } = [];
    public List<InspectorOption> Inspectors { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<CheckItemDto> Items { get; private set; } = [];
    public string ThisMonth { get; private set; } = "";
    public Guid? Me => db.Scope.UserId;
    public bool CanPlan => db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var month = Qpi.MonthOf(ChinaTime.Today(clock));
        ThisMonth = month.ToString("yyyy-MM");
        var ids = await db.Set<InspectionPlan>()
            .AsNoTracking()
            .Where(p => p.EndMonth == null || p.EndMonth >= month)
            .OrderByDescending(p => p.CreatedAt)
            .Take(30)
            .Select(p => p.Id)
            .ToListAsync(ct);
        foreach (var id in ids)
            if (await PlanViews.LoadAsync(db, id, month, ct) is { } dto)
                Plans.Add(dto);
        if (!CanPlan)
            return;
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
        // Who may inspect at each level of the company the planner acts for (see QpiStaff.InspectorsAsync).
        if (!global && companies.Length == 1)
            Inspectors = await QpiStaff.InspectorsAsync(db, companies[0], null, ct);
    }
}
