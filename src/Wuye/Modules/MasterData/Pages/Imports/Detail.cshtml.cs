using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages.Imports;

/// <summary>The dry-run report of one uploaded file, and its commit.</summary>
internal sealed class DetailModel(WuyeDb db, ImportService imports, ImportProgressStore progress) : PageModel
{
    /// <summary>Names this commit's progress, which the page polls while the rows are written.</summary>
    public Guid ProgressToken { get; } = Guid.NewGuid();

    public const int ShownChanges = 300;
    public ImportBatchDto Batch { get; private set; } = null!;
    public List<ImportRowReport> ErrorRows { get; private set; } = [];
    public List<ImportRowReport> ChangeRows { get; private set; } = [];
    public int Creates { get; private set; }
    public int Updates { get; private set; }
    public int Unchanged { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCommitAsync(Guid id, Guid? progressToken, CancellationToken ct)
    {
        var tracker = progress.Start(db.Scope.UserId, progressToken);
        try
        {
            if (await imports.CommitAsync(id, ct, tracker) is null)
                return NotFound();
            tracker?.Finish();
            return LocalRedirect($"/imports/{id}");
        }
        catch (RuleException ex)
        {
            Error = ex.Text.ToString();
        }
        catch (ForbiddenException ex)
        {
            Error = ex.Text.ToString();
        }
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await imports.ReportAsync(id, ct) is not var (batch, plan))
            return false;
        var project = await db.Projects().AsNoTracking().Where(p => p.Id == batch.ProjectId).Select(p => p.Name).FirstAsync(ct);
        Batch = ImportService.Dto(batch, project);
        // After the commit the file reads as unchanged against the records; the counts recorded at
        // the commit are what the page shows then.
        Creates = batch.Status == ImportStatus.Committed ? batch.ToCreate : plan.Count(RowAction.Create);
        Updates = batch.Status == ImportStatus.Committed ? batch.ToUpdate : plan.Count(RowAction.Update);
        Unchanged = batch.Status == ImportStatus.Committed ? batch.Unchanged : plan.Count(RowAction.Unchanged);
        ErrorRows = [.. plan.Rows.Where(r => r.Action == RowAction.Error).Take(1000)];
        ChangeRows = [.. plan.Rows.Where(r => r.Action is RowAction.Create or RowAction.Update).Take(ShownChanges)];
        return true;
    }

    public static string ActionName(RowAction a) =>
        a switch
        {
            RowAction.Create => Loc.T("新建", "Create"),
            RowAction.Update => Loc.T("更新", "Update"),
            RowAction.Unchanged => Loc.T("不变", "Unchanged"),
            _ => Loc.T("错误", "Error"),
        };
}
