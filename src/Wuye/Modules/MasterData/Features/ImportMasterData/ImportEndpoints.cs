using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>/api/v1/imports: upload (which is the dry run), report, commit, and the template.</summary>
internal static class ImportEndpoints
{
    public static readonly string[] Importers = [Roles.CompanyManager, Roles.ProjectManager];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/imports").WithTags("Imports");

        g.MapGet("/template", (string? format, string? sheet) =>
            {
                if (!TableFile.TryFormat(format, out var f))
                    throw ValidationException.For("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
                var defs = ImportSchema.Sheets.AsEnumerable();
                if (f == "csv")
                {
                    // A CSV holds one sheet; which one is chosen by ?sheet= (units by default).
                    var def = sheet is null
                        ? ImportSchema.Sheets[0]
                        : ImportSchema.SheetByName(sheet)
                            ?? throw ValidationException.For(
                                "sheet",
                                "sheet 应为 units、residents、parking 或 assets",
                                "sheet must be units, residents, parking or assets"
                            );
                    defs = [def];
                }
                return TableFile.Result(
                    f,
                    Loc.T("导入模板", "import-template"),
                    [.. defs.Select(d => new TableSheet(d.Label, [.. d.Columns.Select(c => c.Label)], [ImportSchema.ExampleRow(d)]))]
                );
            })
            .WithSummary(
                "The onboarding template (.xlsx with one sheet per kind of record, or one sheet as .csv), with an example row marked "
                    + "【示例】 that never imports; sheets left empty are skipped"
            );

        g.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<ImportBatch>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(b => b.ProjectId == p);
                return TypedResults.Ok(
                    await q.OrderByDescending(b => b.CreatedAt)
                        .ThenByDescending(b => b.Id)
                        .Select(b => new ImportBatchDto(
                            b.Id,
                            b.ProjectId,
                            db.Projects().Where(p => p.Id == b.ProjectId).Select(p => p.Name).FirstOrDefault() ?? "",
                            b.FileName,
                            b.FileSize,
                            b.Status,
                            b.Rows,
                            b.ToCreate,
                            b.ToUpdate,
                            b.Unchanged,
                            b.Errors,
                            b.CreatedAt,
                            b.CommittedAt,
                            b.CommitMilliseconds
                        ))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .RequireRoles(Importers)
            .WithSummary("Uploaded files and what became of them");

        g.MapPost(
                "/",
                async (
                    HttpRequest req,
                    ImportService imports,
                    ImportProgressStore progress,
                    WuyeDb db,
                    Guid? projectId,
                    string? rows,
                    Guid? progressToken,
                    CancellationToken ct
                ) =>
                {
                    var tracker = progress.Start(db.Scope.UserId, progressToken);
                    tracker?.Phase("正在上传", "Uploading");
                    var (name, content) = await ReadUploadAsync(req, imports.MaxBytes, ct);
                    var (batch, plan) = await imports.CheckAsync(projectId, name, content, ct, tracker);
                    tracker?.Finish();
                    var report = await ReportAsync(db, batch, plan, rows, ct);
                    return Results.Created($"/api/v1/imports/{batch.Id}", report);
                }
            )
            .RequireRoles(Importers)
            .DisableAntiforgery()
            .WithSummary(
                "Upload a .xlsx or .csv for a project: checks every row (the dry run) and keeps the file for the commit; nothing is "
                    + "imported yet"
            );

        g.MapGet(
                "/{id:guid}",
                async Task<Results<Ok<ImportReport>, NotFound>> (
                    ImportService imports,
                    WuyeDb db,
                    Guid id,
                    string? rows,
                    CancellationToken ct
                ) =>
                {
                    if (await imports.ReportAsync(id, ct) is not var (batch, plan))
                        return TypedResults.NotFound();
                    return TypedResults.Ok(await ReportAsync(db, batch, plan, rows, ct));
                }
            )
            .RequireRoles(Importers)
            .WithSummary("The dry-run report of an uploaded file against the records as they are now");

        g.MapPost(
                "/{id:guid}/commit",
                async Task<IResult> (
                    ImportService imports,
                    ImportProgressStore progress,
                    WuyeDb db,
                    Guid id,
                    Guid? progressToken,
                    CancellationToken ct
                ) =>
                {
                    var tracker = progress.Start(db.Scope.UserId, progressToken);
                    var batch = await imports.CommitAsync(id, ct, tracker);
                    if (batch is null)
                        return TypedResults.NotFound();
                    tracker?.Finish();
                    var project = await db.Projects().AsNoTracking().Where(p => p.Id == batch.ProjectId).Select(p => p.Name).FirstAsync(ct);
                    return TypedResults.Ok(ImportService.Dto(batch, project));
                }
            )
            .RequireRoles(Importers)
            .WithSummary("Import the file: all rows or none");

        g.MapGet("/progress/{token:guid}", Results<Ok<ImportProgressDto>, NotFound> (ImportProgressStore progress, WuyeDb db, Guid token) =>
                progress.Find(db.Scope.UserId, token) is { } p ? TypedResults.Ok(p.Read()) : TypedResults.NotFound()
            )
            .RequireRoles(Importers)
            .WithSummary("How far the caller's upload or commit with this progressToken has got (phase, rows done of rows)");
    }

    private static async Task<ImportReport> ReportAsync(WuyeDb db, ImportBatch batch, ImportPlan plan, string? rows, CancellationToken ct)
    {
        var project = await db.Projects().AsNoTracking().Where(p => p.Id == batch.ProjectId).Select(p => p.Name).FirstAsync(ct);
        IEnumerable<ImportRowReport> list = (rows ?? "all").ToLowerInvariant() switch
        {
            "errors" => plan.Rows.Where(r => r.Action == RowAction.Error),
            "none" => [],
            "all" => plan.Rows,
            _ => throw ValidationException.For("rows", "rows 应为 all、errors 或 none", "rows must be all, errors or none"),
        };
        return new ImportReport(ImportService.Dto(batch, project), plan.Rows.Count, [.. list]);
    }

    /// <summary>The one uploaded file of a multipart request, refused early when too large.</summary>
    public static async Task<(string Name, byte[] Content)> ReadUploadAsync(HttpRequest req, long maxBytes, CancellationToken ct)
    {
        var limitMb = maxBytes / 1024 / 1024;
        var tooLarge = ValidationException.For(
            "file",
            $"文件超过 {limitMb} MB 的上限，请拆分后分批导入",
            $"The file is larger than the {limitMb} MB limit; split it into several imports"
        );
        if (!req.HasFormContentType)
            throw ValidationException.For(
                "file",
                "请以 multipart/form-data 上传文件（字段名 file）",
                "Upload the file as multipart/form-data (field name: file)"
            );
        if (req.ContentLength > maxBytes + 64 * 1024)
            throw tooLarge;
        if (req.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 64 * 1024;
        IFormCollection form;
        try
        {
            form = await req.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = maxBytes }, ct);
        }
        catch (InvalidDataException)
        {
            throw tooLarge;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge;
        }
        var file = form.Files.GetFile("file")
            ?? form.Files.FirstOrDefault()
            ?? throw ValidationException.For("file", "请选择要上传的文件", "Choose a file to upload");
        if (file.Length > maxBytes)
            throw tooLarge;
        using var ms = new MemoryStream((int)file.Length);
        await file.CopyToAsync(ms, ct);
        return (file.FileName, ms.ToArray());
    }
}
