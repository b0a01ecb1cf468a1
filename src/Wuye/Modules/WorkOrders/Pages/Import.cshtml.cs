using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Features.ImportHistory;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>
/// History import on screen: upload the CSV, choose which column is which, check, import.
/// The file travels back with the form (base64) between the steps, so nothing is stored until the import.
/// </summary>
internal sealed class ImportModel(WuyeDb db, HistoryImport import, Wuye.Platform.Tenancy.ScopeAccessor scopes) : PageModel
{
    public static readonly (string Field, string Zh, string En, bool Required)[] Fields =
    [
        ("opened", "报事时间", "Opened", true),
        ("description", "问题描述", "Description", true),
        ("due", "要求完成时间", "Due / target", false),
        ("closed", "关闭时间", "Closed", false),
        ("category", "类别", "Category", false),
        ("status", "状态", "Status", false),
        ("unit", "房号（如 1幢 101）", "Unit (e.g. 1幢 101)", false),
        ("location", "位置", "Location", false),
        ("source", "来源", "Source", false),
        ("ref", "原单号", "Old number", false),
    ];

    [BindProperty]
    public Guid? ProjectId { get; set; }

    [BindProperty]
    public new string? Content { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Map { get; set; } = [];
    public string[] Headers { get; private set; } = [];
    public ImportResult? Result { get; private set; }
    public bool Imported { get; private set; }
    public string? Error { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];

    /// <summary>Also narrows the request's writes to where the user holds these roles.</summary>
    private bool Allowed => scopes.ActAs(Roles.CompanyManager, Roles.ProjectManager);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadProjectsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadProjectsAsync(ct);
        if (file is null || file.Length == 0 || file.Length > 20 * 1024 * 1024)
        {
            Error = Wuye.Platform.Web.Loc.T("请选择不超过 20 MB 的 CSV 文件", "Choose a CSV file of at most 20 MB");
            return Page();
        }
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        Content = Convert.ToBase64String(ms.ToArray());
        Headers = HistoryImport.ParseCsv(HistoryImport.Decode(ms.ToArray())).FirstOrDefault()?.Select(h => h.Trim()).ToArray() ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(bool dryRun, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadProjectsAsync(ct);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(Content ?? "");
        }
        catch (FormatException)
        {
            bytes = [];
        }
        Headers = HistoryImport.ParseCsv(HistoryImport.Decode(bytes)).FirstOrDefault()?.Select(h => h.Trim()).ToArray() ?? [];
        string? M(string k) => Map.GetValueOrDefault(k) is { Length: > 0 } v ? v : null;
        Error = await PageActions.TryAsync(ModelState, async () =>
            Result = await import.ImportAsync(
                ProjectId,
                bytes,
                new ImportMapping(
                    M("opened"),
                    M("due"),
                    M("closed"),
                    M("category"),
                    M("status"),
                    M("unit"),
                    M("location"),
                    M("description"),
                    M("source"),
                    M("ref")
                ),
                dryRun,
                ct
            )
        );
        Imported = Error is null && !dryRun;
        return Page();
    }

    private async Task LoadProjectsAsync(CancellationToken ct) =>
        Projects = [
            .. (await db.ProjectRefs().AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct)).Select(p =>
                (p.Id, p.Name)
            ),
        ];
}
