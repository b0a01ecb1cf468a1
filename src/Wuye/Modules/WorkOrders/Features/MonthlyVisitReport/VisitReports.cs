using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.MonthlyVisitReport;

internal sealed record VisitReportRow(
    RequestCategory Category,
    string CategoryName,
    int Completed,
    int Visited,
    int OnTimeVisits,
    int Satisfied,
    int NotSatisfied,
    double? AverageScore
);

internal sealed record VisitProblem(
    string Number,
    string? Where,
    string CategoryName,
    DateTimeOffset VisitedAt,
    int? Score,
    string? Comment,
    string? Technician
);

internal sealed record VisitReport(
    int Month,
    Guid? ProjectId,
    string? ProjectName,
    IReadOnlyList<VisitReportRow> Rows,
    VisitReportRow Total,
    IReadOnlyList<VisitProblem> Problems
);

/// <summary>
/// The monthly return-visit report (000 #40): per problem category, jobs completed and visited in
/// the month, visits made within the one-working-day limit, satisfied and not, and the list of
/// dissatisfied visits with the owners' words. Exported as .xlsx or printed from the HTML page.
/// </summary>
internal sealed class VisitReports(WuyeDb db)
{
    public async Task<VisitReport> BuildAsync(int month, Guid? projectId, CancellationToken ct)
    {
        var v = new Validator();
        if (month / 100 is < 2000 or > 2100 || month % 100 is < 1 or > 12)
            v.Add("month", "月份格式为 yyyyMM，如 202611", "Month is yyyyMM, e.g. 202611");
        v.ThrowIfAny();
        var start = new DateTimeOffset(new DateTime(month / 100, month % 100, 1), ChinaTime.Offset).ToUniversalTime();
        var end = new DateTimeOffset(new DateTime(month / 100, month % 100, 1).AddMonths(1), ChinaTime.Offset).ToUniversalTime();
        var visits = db.Set<ReturnVisit>().AsNoTracking();
        var orders = db.Set<WorkOrder>().AsNoTracking().Where(w => w.CompletedAt >= start && w.CompletedAt < end);
        if (projectId is { } p)
        {
            visits = visits.Where(x => x.ProjectId == p);
            orders = orders.Where(w => w.ProjectId == p);
        }
        var completed = await orders
            .GroupBy(w => w.Category)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var done = await (
            from x in visits.Where(x => x.Status == ReturnVisitStatus.Done && x.VisitedAt >= start && x.VisitedAt < end)
            join w in db.Set<WorkOrder>() on x.WorkOrderId equals w.Id
            join r in db.Set<ServiceRequest>() on x.ServiceRequestId equals r.Id
            select new
            {
                w.Category,
                x.VisitedAt,
                x.DueAt,
                x.Satisfied,
                x.Score,
                x.Comment,
                r.Number,
                r.Location,
                x.UnitId,
                w.AssigneeName,
            }
        ).ToListAsync(ct);
        var unitIds = done.Where(d => d.UnitId != null).Select(d => d.UnitId!.Value).Distinct().ToList();
        var labels = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, L = u.Label })
            .ToDictionaryAsync(x => x.Id, x => x.L, ct);
        var rows = Enum.GetValues<RequestCategory>()
            .Select(c =>
            {
                var d = done.Where(x => x.Category == c).ToList();
                var scores = d.Where(x => x.Score != null).Select(x => (double)x.Score!.Value).ToList();
                return new VisitReportRow(
                    c,
                    ServiceRequestText.CategoryName(c),
                    completed.GetValueOrDefault(c),
                    d.Count,
                    d.Count(x => x.VisitedAt <= x.DueAt),
                    d.Count(x => x.Satisfied == true),
                    d.Count(x => x.Satisfied == false),
                    scores.Count == 0 ? null : Math.Round(scores.Average(), 2)
                );
            })
            .Where(r => r.Completed + r.Visited > 0)
            .ToList();
        var all = done.Where(x => x.Score != null).Select(x => (double)x.Score!.Value).ToList();
        var total = new VisitReportRow(
            RequestCategory.Other,
            Loc.T("合计", "Total"),
            rows.Sum(r => r.Completed),
            rows.Sum(r => r.Visited),
            rows.Sum(r => r.OnTimeVisits),
            rows.Sum(r => r.Satisfied),
            rows.Sum(r => r.NotSatisfied),
            all.Count == 0 ? null : Math.Round(all.Average(), 2)
        );
        var problems = done.Where(x => x.Satisfied == false)
            .OrderBy(x => x.VisitedAt)
            .Select(x => new VisitProblem(
                x.Number,
                x.UnitId is { } u ? labels.GetValueOrDefault(u) : x.Location,
                ServiceRequestText.CategoryName(x.Category),
                x.VisitedAt!.Value,
                x.Score,
                x.Comment,
                x.AssigneeName
            ))
            .ToList();
        var projectName = projectId is null
            ? null
            : await db.ProjectRefs().Where(x => x.Id == projectId).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return new VisitReport(month, projectId, projectName, rows, total, problems);
    }

    /// <summary>The report as an .xlsx workbook: a summary sheet and a sheet of dissatisfied visits.</summary>
    public static byte[] ToXlsx(VisitReport report)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook(new Sheets());
            void Sheet(uint id, string name, IEnumerable<object?[]> lines)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint r = 1;
                foreach (var line in lines)
                {
                    var row = new Row { RowIndex = r++ };
                    foreach (var v in line)
                        row.Append(
                            v switch
                            {
                                null => new Cell(),
                                int or double or decimal => new Cell
                                {
                                    DataType = CellValues.Number,
                                    CellValue = new CellValue(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!),
                                },
                                _ => new Cell
                                {
                                    DataType = CellValues.InlineString,
                                    InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(v.ToString()!)),
                                },
                            }
                        );
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                wb.Workbook.Sheets!.Append(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(part),
                        SheetId = id,
                        Name = name,
                    }
                );
            }
            var title = $"{report.Month / 100}年{report.Month % 100}月回访报告" + (report.ProjectName is { } pn ? $"（{pn}）" : "");
            Sheet(
                1,
                "汇总",
                new List<object?[]>
                {
                    new object?[] { title },
                    new object?[] { "问题类别", "完工", "回访", "按时回访", "满意", "不满意", "平均分" },
                }.Concat(
                    report
                        .Rows.Append(report.Total)
                        .Select(r =>
                            new object?[]
                            {
                                r.CategoryName,
                                r.Completed,
                                r.Visited,
                                r.OnTimeVisits,
                                r.Satisfied,
                                r.NotSatisfied,
                                r.AverageScore,
                            }
                        )
                )
            );
            Sheet(
                2,
                "不满意明细",
                new List<object?[]> { new object?[] { "单号", "位置", "类别", "回访时间", "评分", "业主意见", "维修人" } }.Concat(
                    report.Problems.Select(p =>
                        new object?[] { p.Number, p.Where, p.CategoryName, ChinaTime.Text(p.VisitedAt), p.Score, p.Comment, p.Technician }
                    )
                )
            );
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }
}

/// <summary>The report as a standalone printable page (A4, CJK font), for the PDF.</summary>
internal static class VisitReportHtml
{
    public static string Render(VisitReport r, DateTimeOffset printedAt)
    {
        static string E(object? v) => System.Net.WebUtility.HtmlEncode(v?.ToString() ?? "");
        var title = Loc.T($"{r.Month / 100}年{r.Month % 100}月回访报告", $"Return visits {r.Month / 100}-{r.Month % 100:D2}");
        var sb = new System.Text.StringBuilder();
        sb.Append(
            $$"""
            <!doctype html><html lang="{{Loc.T("zh-CN", "en")}}"><head><meta charset="utf-8"><title>{{E(title)}}</title><style>
            @page { size: A4; margin: 16mm 14mm; }
            body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 11pt; color: #1d273b; }
            h1 { font-size: 18pt; margin: 0 0 4pt; } h2 { font-size: 13pt; margin: 16pt 0 6pt; }
            .sub { color: #667382; margin-bottom: 10pt; }
            table { width: 100%; border-collapse: collapse; } th, td { border: 0.5pt solid #c9d1dc; padding: 3pt 5pt; text-align: left; }
            th { background: #f1f4f8; } .n { text-align: right; } tr.total td { font-weight: bold; }
            .foot { margin-top: 16pt; color: #667382; font-size: 9pt; }
            </style></head><body>
            <h1>{{E(title)}}</h1><div class="sub">{{E(r.ProjectName ?? Loc.T("全部项目", "All projects"))}}</div>
            <table><thead><tr><th>{{Loc.T("问题类别", "Category")}}</th><th class="n">{{Loc.T(
                "完工",
                "Completed"
            )}}</th><th class="n">{{Loc.T("回访", "Visited")}}</th><th class="n">{{Loc.T("按时回访", "On time")}}</th><th class="n">{{Loc.T(
                "满意",
                "Satisfied"
            )}}</th><th class="n">{{Loc.T("不满意", "Not")}}</th><th class="n">{{Loc.T("平均分", "Avg score")}}</th></tr></thead><tbody>
            """
        );
        foreach (var x in r.Rows.Append(r.Total))
            sb.Append(
                $"""<tr{(x == r.Total ? " class=\"total\"" : "")}><td>{E(x.CategoryName)}</td><td class="n">{x.Completed}</td>"""
                    + $"""<td class="n">{x.Visited}</td><td class="n">{x.OnTimeVisits}</td><td class="n">{x.Satisfied}</td>"""
                    + $"""<td class="n">{x.NotSatisfied}</td><td class="n">{E(x.AverageScore?.ToString("0.00") ?? "—")}</td></tr>"""
            );
        sb.Append($"""</tbody></table><h2>{Loc.T("不满意明细", "Dissatisfied visits")}</h2>""");
        if (r.Problems.Count == 0)
            sb.Append($"<p>{Loc.T("本月没有不满意的回访。", "No dissatisfied visit this month.")}</p>");
        else
        {
            sb.Append(
                $"""<table><thead><tr><th>{Loc.T("单号", "No.")}</th><th>{Loc.T("位置", "Where")}</th>"""
                    + $"""<th>{Loc.T("类别", "Category")}</th><th>{Loc.T("回访时间", "Visited")}</th><th>{Loc.T("评分", "Score")}</th>"""
                    + $"""<th>{Loc.T("意见", "Comment")}</th><th>{Loc.T("维修人", "Technician")}</th></tr></thead><tbody>"""
            );
            foreach (var p in r.Problems)
                sb.Append(
                    $"<tr><td>{E(p.Number)}</td><td>{E(p.Where)}</td><td>{E(p.CategoryName)}</td><td>{E(ChinaTime.Text(p.VisitedAt))}</td>"
                        + $"<td>{E(p.Score)}</td><td>{E(p.Comment)}</td><td>{E(p.Technician)}</td></tr>"
                );
            sb.Append("</tbody></table>");
        }
        sb.Append($"""<div class="foot">{Loc.T("打印时间", "Printed")} {E(ChinaTime.Text(printedAt))} · Wuye</div></body></html>""");
        return sb.ToString();
    }
}

internal static class VisitReportEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet(
                "/return-visits/report",
                async (
                    VisitReports reports,
                    Wuye.Platform.Files.PdfRenderer pdf,
                    TimeProvider clock,
                    int month,
                    Guid? projectId,
                    string? format,
                    CancellationToken ct
                ) =>
                {
                    var report = await reports.BuildAsync(month, projectId, ct);
                    return format switch
                    {
                        "xlsx" => Results.File(
                            VisitReports.ToXlsx(report),
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            $"return-visits-{month}.xlsx"
                        ),
                        "pdf" => Results.File(
                            await pdf.RenderAsync(VisitReportHtml.Render(report, clock.GetUtcNow()), ct),
                            "application/pdf",
                            $"return-visits-{month}.pdf"
                        ),
                        null or "" or "json" => Results.Ok(report),
                        _ => throw ValidationException.For("format", "格式只能是 xlsx、pdf 或不填", "Format is xlsx, pdf, or none"),
                    };
                }
            )
            .RequireRoles(WorkOrderRoles.Dispatchers)
            .WithTags("Return visits")
            .WithSummary(
                "Monthly return-visit report by problem category (month=yyyyMM; format=xlsx for a workbook, pdf for a printed PDF)"
            );
}
