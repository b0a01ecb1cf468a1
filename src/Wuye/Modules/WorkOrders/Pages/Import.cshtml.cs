using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.ImportHistory;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>
/// History import on screen: upload the export (kept on the server's disk between the steps, never
/// in the page), choose which column is which, the date format and where the source's categories
/// go, check, then import. The check lists every refused row and offers them as a CSV report.
/// </summary>
[RequestSizeLimit(WorkOrdersOptions.ImportUploadCeiling)]
[RequestFormLimits(MultipartBodyLengthLimit = WorkOrdersOptions.ImportUploadCeiling)]
internal sealed class ImportModel(
    WuyeDb db,
    HistoryImport import,
    Wuye.Platform.Tenancy.ScopeAccessor scopes,
    IOptions<WuyeOptions> wuye,
    IOptions<WorkOrdersOptions> settings,
    TimeProvider clock
) : PageModel
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
        ("department", "部门 / 班组", "Department / team", false),
        ("source", "来源", "Source", false),
        ("ref", "原单号", "Old number", false),
    ];

    [BindProperty]
    public Guid? ProjectId { get; set; }

    /// <summary>The uploaded file's name on the server's disk (with the user's id, so nobody else's can be named).</summary>
    [BindProperty]
    public Guid? UploadId { get; set; }

    [BindProperty]
    public string? FileName { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Map { get; set; } = [];

    [BindProperty]
    public DateOrder DateFormat { get; set; }

    [BindProperty]
    public RequestCategory? OtherCategory { get; set; }

    /// <summary>Source category texts and, at the same index, the category chosen for each ("" = by name or the catch-all).</summary>
    [BindProperty]
    public List<string> CatFrom { get; set; } = [];

    [BindProperty]
    public List<string?> CatTo { get; set; } = [];

    public string[] Headers { get; private set; } = [];
    public bool DatesAmbiguous { get; private set; }
    public ImportResult? Result { get; private set; }
    public bool Imported { get; private set; }
    public string? Error { get; private set; }
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public int MaxMegabytes => settings.Value.ImportMaxMegabytes;

    /// <summary>Also narrows the request's writes to where the user holds these roles.</summary>
    private bool Allowed => scopes.ActAs(Roles.CompanyManager, Roles.ProjectManager);

    private string Folder => Path.Combine(wuye.Value.DataPath, "import-uploads");

    private string? StagedPath =>
        UploadId is { } id && scopes.Scope.UserId is { } user ? Path.Combine(Folder, $"{user:N}-{id:N}.csv") : null;

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
        if (file is null || file.Length == 0 || file.Length > MaxMegabytes * 1024L * 1024)
        {
            Error = Loc.T($"请选择不超过 {MaxMegabytes} MB 的 CSV 文件", $"Choose a CSV file of at most {MaxMegabytes} MB");
            return Page();
        }
        Directory.CreateDirectory(Folder);
        // Uploads nobody imported within a day are dropped (by the file system's clock, which stamped them).
        foreach (var old in new DirectoryInfo(Folder).GetFiles("*.csv"))
            if (old.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1))
                old.Delete();
        UploadId = Guid.NewGuid();
        FileName = Path.GetFileName(file.FileName);
        await using (var target = System.IO.File.Create(StagedPath!))
            await file.CopyToAsync(target, ct);
        using var csv = await CsvSource.OpenAsync(() => System.IO.File.OpenRead(StagedPath!), ct);
        Headers = csv.Headers;
        var sample = new List<string>();
        for (var i = 0; i < 500 && await csv.ReadAsync(ct) is { } row; i++)
            sample.AddRange(row);
        var guess = ImportDates.Guess(sample);
        DateFormat = guess ?? DateOrder.YearFirst;
        DatesAmbiguous = guess is null;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(bool dryRun, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadProjectsAsync(ct);
        if (!await ReadHeadersAsync(ct))
            return Page();
        Error = await PageActions.TryAsync(ModelState, async () => Result = await RunAsync(dryRun, ct));
        Imported = Error is null && !dryRun;
        if (Imported)
            System.IO.File.Delete(StagedPath!);
        return Page();
    }

    /// <summary>The refused rows of a check as a CSV file (row, field, text found, reason).</summary>
    public async Task<IActionResult> OnPostReportAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadProjectsAsync(ct);
        if (!await ReadHeadersAsync(ct))
            return Page();
        Error = await PageActions.TryAsync(ModelState, async () => Result = await RunAsync(dryRun: true, ct));
        if (Result is null)
            return Page();
        var sheet = new TableSheet(
            Loc.T("未导入的行", "Rows refused"),
            [Loc.T("行", "Row"), Loc.T("字段", "Field"), Loc.T("内容", "Text found"), Loc.T("原因", "Reason")],
            Result.Problems.Select(p => (IReadOnlyList<string?>)[p.Row.ToString(), p.Field, p.Value, p.Reason])
        );
        return File(
            TableFile.Csv(sheet),
            "text/csv; charset=utf-8",
            TableFile.FileName(Loc.T("导入检查报告", "import-report"), "csv", clock)
        );
    }

    private Task<ImportResult> RunAsync(bool dryRun, CancellationToken ct)
    {
        string? M(string k) => Map.GetValueOrDefault(k) is { Length: > 0 } v ? v : null;
        var categories = new Dictionary<string, RequestCategory>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < CatFrom.Count && i < CatTo.Count; i++)
            if (Enum.TryParse<RequestCategory>(CatTo[i], out var to) && !string.IsNullOrWhiteSpace(CatFrom[i]))
                categories[CatFrom[i].Trim()] = to;
        var path = StagedPath!;
        return import.ImportAsync(
            ProjectId,
            () => System.IO.File.OpenRead(path),
            new ImportOptions(
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
                    M("ref"),
                    M("department")
                ),
                DateFormat,
                categories,
                OtherCategory
            ),
            dryRun,
            ct
        );
    }

    /// <summary>The staged file's headers; false (with the message) when the upload is gone (imported, or older than a day).</summary>
    private async Task<bool> ReadHeadersAsync(CancellationToken ct)
    {
        if (StagedPath is not { } path || !System.IO.File.Exists(path))
        {
            Error = Loc.T(
                "上传的文件已不在服务器上（已导入或已超过一天），请重新上传",
                "The uploaded file is gone (imported, or over a day old); upload it again"
            );
            UploadId = null;
            return false;
        }
        using var csv = await CsvSource.OpenAsync(() => System.IO.File.OpenRead(path), ct);
        Headers = csv.Headers;
        return true;
    }

    /// <summary>The category chosen for a source text: what the user picked, else what the check mapped it to.</summary>
    public string? ChosenFor(SourceCategory c)
    {
        var i = CatFrom.FindIndex(x => string.Equals(x, c.Text, StringComparison.OrdinalIgnoreCase));
        return i >= 0 && i < CatTo.Count ? CatTo[i] : null;
    }

    private async Task LoadProjectsAsync(CancellationToken ct) =>
        Projects = [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
}
