using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages.Imports;

/// <summary>Upload an onboarding file for a project; the upload is the dry run, the report page offers the commit.</summary>
// Above Kestrel's 30 MB default, so that a too-large file (up to 64 MB) reaches the handler and
// gets a clear message instead of a dropped connection.
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
internal sealed class IndexModel(WuyeDb db, ImportService imports, ImportProgressStore progress) : PageModel
{
    /// <summary>Names this upload's progress, which the page polls while the server checks the rows.</summary>
    public Guid ProgressToken { get; } = Guid.NewGuid();

    [BindProperty]
    public Guid? ProjectId { get; set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<ImportBatchDto> Recent { get; private set; } = [];
    public string? Error { get; private set; }
    public long MaxMb => imports.MaxBytes / 1024 / 1024;

    public async Task OnGetAsync(Guid? projectId, CancellationToken ct)
    {
        ProjectId = projectId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, Guid? progressToken, CancellationToken ct)
    {
        var tracker = progress.Start(db.Scope.UserId, progressToken);
        try
        {
            if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
                throw ValidationException.For("file", "请选择要上传的文件", "Choose a file to upload");
            if (file.Length > imports.MaxBytes)
                throw ValidationException.For(
                    "file",
                    $"文件超过 {MaxMb} MB 的上限，请拆分后分批导入",
                    $"The file is larger than the {MaxMb} MB limit; split it into several imports"
                );
            using var ms = new MemoryStream();
            await file.CopyToAsync(ms, ct);
            var (batch, _) = await imports.CheckAsync(ProjectId, file.FileName, ms.ToArray(), ct, tracker);
            tracker?.Finish();
            var url = $"/imports/{batch.Id}";
            if (Request.Headers.ContainsKey("HX-Request"))
            {
                Response.Headers["HX-Redirect"] = url;
                return new EmptyResult();
            }
            return LocalRedirect(url);
        }
        catch (ValidationException ex)
        {
            Error = string.Join(" ", ex.Errors.SelectMany(e => e.Value));
        }
        catch (ForbiddenException ex)
        {
            Error = ex.Text.ToString();
        }
        catch (RuleException ex)
        {
            Error = ex.Text.ToString();
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        // Only projects the user may write to: those are the ones an import may go into.
        var all = await db.Projects().AsNoTracking().Where(p => p.ArchivedAt == null).OrderBy(p => p.Name).ToListAsync(ct);
        Projects = [.. all.Where(p => scope.CanWrite(p.CompanyId, p.Id, null, null)).Select(p => (p.Id, p.Name))];
        var names = all.ToDictionary(p => p.Id, p => p.Name);
        Recent =
        [
            .. (await db.Set<ImportBatch>().AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(20).ToListAsync(ct)).Select(b =>
                ImportService.Dto(b, names.GetValueOrDefault(b.ProjectId, ""))
            ),
        ];
    }
}
