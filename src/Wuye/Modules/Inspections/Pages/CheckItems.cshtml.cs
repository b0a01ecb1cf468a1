using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class CheckItemsModel(WuyeDb db) : InspectionPage(InspectionRoles.MayInspect)
{
    public List<CheckItemDto> Items { get; private set; } = [];
    public string? ImportMessage { get; private set; }
    public List<string> ImportErrors { get; private set; } = [];
    public bool CanEdit => db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!CanEdit)
            return Forbid();
        try
        {
            if (file is null)
                throw ValidationException.For("file", "请选择 .xlsx 文件", "Choose an .xlsx file");
            await using var stream = file.OpenReadStream();
            var outcome = await Features.ImportCheckItems.CheckItemImport.RunAsync(db, Qpi.ActingCompany(db, null), stream, ct);
            ImportMessage = Loc.T(
                $"导入完成：新增 {outcome.Created} 项，更新 {outcome.Revised} 项，未变 {outcome.Unchanged} 项",
                $"Imported: {outcome.Created} new, {outcome.Revised} revised, {outcome.Unchanged} unchanged"
            );
        }
        catch (ValidationException e)
        {
            ImportErrors = [.. e.Errors.SelectMany(x => x.Value)];
            db.ChangeTracker.Clear();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Items = [
            .. (
                await db.Set<CheckItem>().AsNoTracking().Where(i => i.RetiredAt == null).OrderBy(i => i.Code).Take(500).ToListAsync(ct)
            ).Select(CheckItemRules.ToDto),
        ];
}
