using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.ImportMeterReadings;
using Wuye.Modules.Facilities.Features.MeterReadings;
using Wuye.Modules.Facilities.Features.Meters;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Pages;

/// <summary>抄表 on a phone: the abnormal readings waiting for someone (resolve with a note), and each meter with its last reading
/// and a field for today's reading; a reading breaking a rule is said at once. Recording, resolving and importing act in the facilities
/// roles only (as the API does), so a grant of another role does not let the user record there.</summary>
internal sealed class MetersModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RecordMeterReadingHandler record,
    ImportMeterReadingsHandler import
) : PageModel
{
    public List<MeterDto> Meters { get; private set; } = [];
    public List<ReadingDto> Open { get; private set; } = [];
    public string? Error { get; private set; }
    public ReadingDto? Recorded { get; private set; }
    public string? Done { get; private set; }
    public ImportReport? Import { get; private set; }
    public string? ImportError { get; private set; }

    /// <summary>The projects (of the meters and readings shown) where the user may record and resolve readings.</summary>
    public HashSet<Guid> Recordable { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct)
    {
        Meters = await MeterEndpoints.ListAsync(db, clock, null, null, ct);
        Open = await MeterReadingEndpoints.ListAsync(db, null, null, true, true, null, ct);
        var acting = db.Scope.ActingAs(FacilitiesRoles.Readers);
        var shown = Meters.Select(m => m.ProjectId).Concat(Open.Select(r => r.ProjectId)).Distinct().ToList();
        Recordable =
        [
            .. (await db.ProjectRefs().Where(p => shown.Contains(p.Id)).Select(p => new { p.Id, p.CompanyId }).ToListAsync(ct))
                .Where(p => acting.CanWrite(p.CompanyId, p.Id, null, null))
                .Select(p => p.Id),
        ];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!FacilitiesRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReadingAsync(Guid meterId, decimal? value, DateOnly? readOn, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Readers))
            return Forbid();
        Guid? id = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = Validator.Check(new ReadingInput(meterId, value, readOn));
            id = (await record.RecordAsync(input, ReadingSource.Hand, ct)).Id;
        });
        if (id is { } r)
            Recorded = (await MeterReadingEndpoints.ListAsync(db, null, null, null, null, r, ct)).FirstOrDefault();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid readingId, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Readers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(new ResolveInput(note));
            var r = await db.Set<MeterReading>().FindAsync([readingId], ct) ?? throw new NotFoundException("meter reading");
            r.Resolve(note!.Trim(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        });
        if (Error is null)
            Done = Loc.T("已处理", "Resolved");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>抄表导入: check (nothing written) or import (all rows or none) an uploaded sheet; the page swaps in the report only, so
    /// the chosen file stays chosen between the check and the import.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool commit, CancellationToken ct)
    {
        if (!scopes.ActAs(FacilitiesRoles.Readers))
            return Forbid();
        try
        {
            Import = await ImportMeterReadingsEndpoints.RunAsync(import, file, null, !commit, ct);
        }
        catch (ValidationException e)
        {
            ImportError = string.Join("；", e.Errors.SelectMany(x => x.Value).Take(20));
        }
        await LoadAsync(ct);
        return Page();
    }
}
