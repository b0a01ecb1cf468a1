using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ImportMeterReadings;

/// <summary>POST /api/v1/meter-readings/import (multipart: file, dryRun, projectId) and its template.</summary>
internal static class ImportMeterReadingsEndpoints
{
    public static async Task<ImportReport> RunAsync(
        ImportMeterReadingsHandler handler,
        IFormFile? file,
        Guid? projectId,
        bool dryRun,
        CancellationToken ct
    )
    {
        if (file is null)
            throw ValidationException.For("file", "请选择 .xlsx 文件", "Choose an .xlsx file");
        List<SheetRow> rows;
        await WorkbookLimits.Gate.WaitAsync(ct);
        try
        {
            await using var stream = file.OpenReadStream();
            rows = ReadingSheet.Read(stream, file.Length);
        }
        finally
        {
            WorkbookLimits.Gate.Release();
        }
        return await handler.ImportAsync(rows, projectId, dryRun, ct);
    }

    /// <summary>The template: the header (表号, 名称, 读数, 抄表日期) and a line per live meter the caller may read, to fill in.</summary>
    public static async Task<TableSheet> TemplateAsync(WuyeDb db, Guid? projectId, CancellationToken ct)
    {
        var meters = await db.Set<Meter>()
            .AsNoTracking()
            .Where(m => m.ArchivedAt == null && (projectId == null || m.ProjectId == projectId))
            .OrderBy(m => m.Code)
            .Take(ReadingSheet.MaxRows)
            .Select(m => new { m.Code, m.Name })
            .ToListAsync(ct);
        return new(
            Loc.T("抄表读数", "Readings"),
            [Loc.T("表号", "Meter"), Loc.T("名称", "Name"), Loc.T("读数", "Reading"), Loc.T("抄表日期", "Read on")],
            meters.Select(m => (IReadOnlyList<string?>)[m.Code, m.Name, null, null])
        );
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/meter-readings").WithTags("Facilities");
        g.MapPost(
                "/import",
                async (ImportMeterReadingsHandler handler, HttpRequest req, Guid? projectId, bool? dryRun, CancellationToken ct) =>
                {
                    // Read here (not bound) so that an upload over the limit is an error on the file, like any other.
                    var form = await FormFields.ReadAsync(req, ReadingSheet.MaxBytes, ct);
                    return TypedResults.Ok(await RunAsync(handler, form.Form.Files.GetFile("file"), projectId, dryRun ?? true, ct));
                }
            )
            .DisableAntiforgery()
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary(
                "Import readings from .xlsx (表号, 读数, 抄表日期; at most 5 MB and 10,000 rows): dryRun=true (the default) checks every "
                    + "row and shows each good row's consumption and anomalies, writing nothing; dryRun=false writes all rows or none"
            );
        g.MapGet("/import-template", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TableFile.Result("xlsx", Loc.T("抄表导入模板", "meter-readings-template"), await TemplateAsync(db, projectId, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("The reading import template (.xlsx): a line per live meter to fill in");
    }
}
