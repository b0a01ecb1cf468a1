using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.UtilityReadings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>
/// 抄表: a metered fee item's reading sheet for a month and a building, each home's last reading beside a box for this one; the
/// readings go in together (all or none, a bad row marked) and each usage raises the home's bill at once.
/// </summary>
internal sealed class ReadingsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, UtilityReadingsHandler readings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? FeeItemId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? BuildingId { get; set; }

    /// <summary>This month's readings as typed, by unit (blank = not read yet).</summary>
    [BindProperty]
    public Dictionary<Guid, decimal?> Current { get; set; } = [];

    /// <summary>The meter's starting reading, for homes without an earlier reading.</summary>
    [BindProperty]
    public Dictionary<Guid, decimal?> Start { get; set; } = [];

    public List<(Guid Id, string Name, string? Unit)> Items { get; private set; } = [];
    public List<(Guid Id, string Name)> Buildings { get; private set; } = [];
    public List<SheetRow> Sheet { get; private set; } = [];

    /// <summary>Row errors by unit, from the batch's "readings[i].field" errors.</summary>
    public Dictionary<Guid, string> RowErrors { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Cashiers))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Cashiers))
            return Forbid();
        var rows = Current
            .Where(c => c.Value is not null)
            .Select(c => new ReadingRow(c.Key, c.Value, Start.GetValueOrDefault(c.Key)))
            .ToList();
        List<ReadingDto>? taken = null;
        try
        {
            taken = await readings.RecordAsync(new NewReadings(FeeItemId, Period, null, rows), ct);
        }
        catch (ValidationException v)
        {
            foreach (var (field, messages) in v.Errors)
            {
                var text = string.Join(" ", messages);
                if (
                    field.StartsWith("readings[", StringComparison.Ordinal)
                    && int.TryParse(field[9..field.IndexOf(']')], out var i)
                    && i < rows.Count
                )
                    RowErrors[rows[i].UnitId!.Value] = text;
                else
                    Error = (Error is null ? "" : Error + " ") + text;
            }
            Error ??= Loc.T("有读数需要更正，均未保存", "Some readings need correcting; none was saved");
        }
        catch (RuleException r)
        {
            Error = r.Text.ToString();
        }
        if (taken is not null)
        {
            Done = Loc.T(
                $"已录入 {taken.Count} 户读数，出账 {taken.Count(t => t.BillId is not null)} 份，合计 ¥{Money.Text(taken.Sum(t => t.Amount ?? 0))}",
                $"{taken.Count} readings saved, {taken.Count(t => t.BillId is not null)} bills raised, "
                    + $"¥{Money.Text(taken.Sum(t => t.Amount ?? 0))} in all"
            );
            return RedirectToPage(
                new
                {
                    feeItemId = FeeItemId,
                    period = Period,
                    buildingId = BuildingId,
                }
            );
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // Each item under its project's name: a company manager's projects each have their 水费.
        var projects = db.ProjectRefs();
        Items =
        [
            .. (
                await db.Set<FeeItem>()
                    .AsNoTracking()
                    .Where(i => i.Kind == FeeKind.Metered && i.ArchivedAt == null)
                    .Join(projects, i => i.ProjectId, p => p.Id, (i, p) => new { Item = i, Project = p.Name })
                    .OrderBy(x => x.Project)
                    .ThenBy(x => x.Item.Name)
                    .ThenBy(x => x.Item.Id)
                    .Select(x => new
                    {
                        x.Item.Id,
                        x.Item.Name,
                        x.Item.UsageUnit,
                        x.Project,
                    })
                    .Take(200)
                    .ToListAsync(ct)
            ).Select(i => (i.Id, $"{i.Project} · {i.Name}", i.UsageUnit)),
        ];
        FeeItemId ??= Items.Count > 0 ? Items[0].Id : null;
        Period ??= Periods.Text(Periods.Of(ChinaTime.Today(clock)));
        if (FeeItemId is not { } itemId)
            return;
        var projectId = await db.Set<FeeItem>().Where(i => i.Id == itemId).Select(i => (Guid?)i.ProjectId).FirstOrDefaultAsync(ct);
        Buildings =
        [
            .. (
                await db.BuildingRefs()
                    .Where(b => b.ProjectId == projectId && b.ArchivedAt == null)
                    .OrderBy(b => b.Name)
                    .ThenBy(b => b.Id)
                    .Select(b => new { b.Id, b.Name })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(b => (b.Id, b.Name)),
        ];
        BuildingId ??= Buildings.Count > 0 ? Buildings[0].Id : null;
        if (BuildingId is null || Periods.Parse(Period) is null)
            return;
        Sheet = await readings.SheetAsync(itemId, Period, BuildingId, ct);
    }
}
