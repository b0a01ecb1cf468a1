using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.AddFeeItem;
using Wuye.Modules.Fees.Features.ArchiveFeeItem;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>收费项目: the projects' fee items (收费标准, published to owners with their bills); managers add and retire them.</summary>
internal sealed class ItemsModel(WuyeDb db, ScopeAccessor scopes, AddFeeItemHandler add, ArchiveFeeItemHandler archive) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public FeeKind? Kind { get; set; }

    [BindProperty]
    public decimal? UnitPrice { get; set; }

    [BindProperty]
    public string? UnitType { get; set; }

    [BindProperty]
    public int? CycleMonths { get; set; } = 1;

    [BindProperty]
    public string? UsageUnit { get; set; }

    [BindProperty]
    public int? DueDay { get; set; } = 15;

    [BindProperty]
    public int? GraceDays { get; set; } = 15;

    /// <summary>Per day, in ‱ (万分之): 5 = 0.05% a day.</summary>
    [BindProperty]
    public decimal? LateFeePerTenThousand { get; set; } = 5;

    /// <summary>Cap, in % of the amount owed.</summary>
    [BindProperty]
    public decimal? LateFeeCapPercent { get; set; } = 20;

    public List<FeeItemDto> Items { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayManage { get; private set; }
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

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Managers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewFeeItem(
                ProjectId,
                Name,
                Kind,
                UnitPrice,
                UnitType,
                RoundingRule.HalfUp,
                DueDay,
                GraceDays,
                LateFeePerTenThousand / 10_000m,
                LateFeeCapPercent / 100m,
                Kind is FeeKind.Metered or FeeKind.OneOff ? 1 : CycleMonths,
                UsageUnit
            );
            Validator.Check(input);
            var item = await add.HandleAsync(input, ct);
            Done = Loc.T($"已添加收费项目 {item.Name}", $"Fee item {item.Name} added");
        });
        if (Error is null)
            return RedirectToPage(new { projectId = ProjectId });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Managers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => archive.HandleAsync(id, ct));
        if (Error is null)
            return RedirectToPage(new { projectId = ProjectId });
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>When the item is billed and due: "按季度 · 首月 15 日前缴纳，宽限 15 天", "抄表后出账 · 出账后 15 天内缴纳…".</summary>
    public static string Terms(FeeItemDto i) =>
        i.Kind is FeeKind.Metered or FeeKind.OneOff
            ? Loc.T(
                $"{(i.Kind == FeeKind.Metered ? "抄表后出账" : "发生时出账")} · 出账后 {i.DueDay} 天内缴纳，宽限 {i.GraceDays} 天",
                $"{(i.Kind == FeeKind.Metered ? "billed when read" : "billed when charged")}, "
                    + $"due {i.DueDay} days after, {i.GraceDays} days' grace"
            )
            : FeeText.CycleName(i.CycleMonths)
                + " · "
                + Loc.T(
                    $"{(i.CycleMonths == 1 ? "每月" : "首月")} {i.DueDay} 日前缴纳，宽限 {i.GraceDays} 天",
                    $"due on day {i.DueDay}{(i.CycleMonths == 1 ? "" : " of the first month")}, {i.GraceDays} days' grace"
                );

    private async Task LoadAsync(CancellationToken ct)
    {
        MayManage = FeeRoles.MayManage(db.Scope);
        Projects = await FeePages.ProjectsAsync(db, ct);
        ProjectId ??= Projects.Count > 0 ? Projects[0].Id : null;
        var q = db.Set<FeeItem>().AsNoTracking().Where(i => i.ProjectId == ProjectId);
        Items = await FeeItemQueries
            .Dtos(q.OrderBy(i => i.ArchivedAt != null).ThenBy(i => i.Name).ThenBy(i => i.Id))
            .Take(200)
            .ToListAsync(ct);
    }
}
