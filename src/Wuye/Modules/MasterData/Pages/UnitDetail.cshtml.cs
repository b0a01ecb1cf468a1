using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Modules.MasterData.Features.Units;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using PeopleList = Wuye.Modules.MasterData.Features.People.People;
using UnitList = Wuye.Modules.MasterData.Features.Units.Units;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>One unit: its details (editable by managers), its residents (masked) and its history.</summary>
internal sealed class UnitDetailModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public UnitDto Unit { get; private set; } = null!;
    public string ProjectName { get; private set; } = "";
    public List<OccupantDto> Occupants { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MayEdit => db.Scope.IsGlobal || Registers.Managers.Any(db.Scope.Roles.Contains);
    public OccupantLinks Links =>
        new(
            Occupants,
            new Dictionary<Guid, string>(),
            false,
            !Unit.Archived && (db.Scope.IsGlobal || PeopleList.Editors.Any(db.Scope.Roles.Contains)),
            Wuye.Platform.Web.ChinaTime.Today(clock),
            $"/master-data/units/{Unit.Id}?saved=1",
            "occupants"
        );

    [BindProperty]
    public int? Floor { get; set; }

    [BindProperty]
    public decimal? Area { get; set; }

    [BindProperty]
    public string? UnitType { get; set; }

    [BindProperty]
    public DateOnly? HandoverDate { get; set; }

    [BindProperty]
    public DateOnly? WarrantyEnd { get; set; }

    [BindProperty]
    public uint Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
            return NotFound();
        (Floor, Area, UnitType, HandoverDate, WarrantyEnd, Version) = (
            Unit.Floor,
            Unit.Area,
            Unit.UnitType,
            Unit.HandoverDate,
            Unit.WarrantyEnd,
            Unit.Version
        );
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (!MayEdit)
            return Forbid();
        var unit = await db.Units().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return NotFound();
        var input = new UnitInput(unit.BuildingId, unit.Number, Floor, Area, UnitType, HandoverDate, WarrantyEnd, Version);
        var v = new Validator();
        input.Validate(v);
        try
        {
            v.ThrowIfAny();
            unit.CheckVersion(Version);
            unit.Describe(Floor, Area, string.IsNullOrWhiteSpace(UnitType) ? null : UnitType.Trim(), HandoverDate, WarrantyEnd);
            await db.SaveChangesAsync(ct);
            return LocalRedirect($"/master-data/units/{id}?saved=1");
        }
        catch (ValidationException ex)
        {
            Errors = ex.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        }
        catch (RuleException ex)
        {
            Message = ex.Text.ToString();
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct)
    {
        if (!MayEdit)
            return Forbid();
        var unit = await db.Units().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
            return NotFound();
        if (unit.ArchivedAt is null)
        {
            unit.Archive("unit", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        return LocalRedirect($"/master-data/units/{id}");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var unit = await UnitList.Dto(db, db.Units().AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(ct);
        if (unit is null)
            return false;
        Unit = unit;
        ProjectName = await db.Projects().Where(p => p.Id == unit.ProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var rows = await (
            from o in db.UnitOccupants()
            join p in db.People() on o.PersonId equals p.Id
            where o.UnitId == id
            orderby o.Until != null, o.Relation, p.Name
            select new
            {
                o,
                p.Name,
                p.Phone,
            }
        ).ToListAsync(ct);
        Occupants = [.. rows.Select(r => OccupantDto.Of(r.o, r.Name, r.Phone))];
        if (Request.Query.ContainsKey("saved"))
            Message ??= Loc.T("已保存", "Saved");
        return true;
    }
}
