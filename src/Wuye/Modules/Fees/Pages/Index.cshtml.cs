using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.CollectionRates;
using Wuye.Modules.Fees.Features.GenerateBills;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>
/// 收费: the period's collection rates (each with what it is made of) by project or building, its bills,
/// and the month's billing run.
/// </summary>
internal sealed class IndexModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    CollectionRatesHandler rates,
    GenerateBillsHandler generate
) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unpaid { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public CollectionRatesResult Rates { get; private set; } = null!;
    public Paged<BillDto> Bills { get; private set; } = null!;
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayManage { get; private set; }
    public bool MayCollect { get; private set; }
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Managers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(new GenerateInput(ProjectId, Period));
            var r = await generate.HandleAsync(ProjectId!.Value, Periods.Parse(Period)!.Value, true, ct);
            Done = Loc.T(
                $"{Periods.Text(r.Period)} 新出账单 {r.Created} 份（已有 {r.AlreadyBilled} 份）",
                $"{r.Created} new bills for {Periods.Text(r.Period)} ({r.AlreadyBilled} already issued)"
            );
        });
        if (Error is null)
            return RedirectToPage(new { period = Period, projectId = ProjectId });
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        MayManage = FeeRoles.MayManage(db.Scope);
        MayCollect = FeeRoles.MayCollect(db.Scope);
        Projects = await FeePages.ProjectsAsync(db, ct);
        var period = Periods.Parse(Period) ?? Periods.Of(ChinaTime.Today(clock));
        Period = Periods.Text(period);
        Rates = await rates.HandleAsync(Period, ProjectId, ProjectId is null ? RateGroup.Project : RateGroup.Building, ct);
        var q = db.Set<Bill>().Where(b => b.Period == period);
        if (ProjectId is { } p)
            q = q.Where(b => b.ProjectId == p);
        if (Unpaid)
            q = q.Where(b => b.Paid < b.Amount);
        var size = 30;
        var page = Math.Clamp(PageNo, 1, Paging.MaxPage);
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(q, ct);
        var items = await BillQueries.LoadAsync(
            db,
            q.OrderBy(b => b.UnitId).ThenBy(b => b.Id).Skip((page - 1) * size).Take(size),
            ChinaTime.Today(clock),
            ct
        );
        Bills = new Paged<BillDto>(items, page, size, total);
    }
}
