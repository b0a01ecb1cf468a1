using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ImportCheckItems;

/// <summary>
/// Reads the standards library from the first sheet of an .xlsx: a header row naming the columns
/// (Chinese or English), one item per row. Every row is checked first; one bad row and nothing is
/// written, with each problem named by its row number as the spreadsheet shows it.
/// </summary>
internal static class CheckItemImport
{
    public sealed record Outcome(int Created, int Revised, int Unchanged);

    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/check-items")
            .WithTags("Inspections")
            .MapPost("/import", async Task<Ok<Outcome>> (WuyeDb db, IFormFile? file, Guid? companyId, CancellationToken ct) =>
            {
                if (file is null)
                    throw ValidationException.For("file", "请选择 .xlsx 文件", "Choose an .xlsx file");
                var company = Qpi.ActingCompany(db, companyId);
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await RunAsync(db, company, stream, ct));
            })
            .DisableAntiforgery()
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Import check items from .xlsx (编码, 区域, 核查内容, 核查方法, 抽样要求, 每项扣分, 频次); all rows or none");

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["编码"] = "code",
        ["code"] = "code",
        ["区域"] = "area",
        ["area"] = "area",
        ["核查内容"] = "description",
        ["description"] = "description",
        ["核查方法"] = "method",
        ["method"] = "method",
        ["抽样要求"] = "sampling",
        ["sampling"] = "sampling",
        ["每项扣分"] = "points",
        ["points"] = "points",
        ["pointsperdeduction"] = "points",
        ["频次"] = "frequency",
        ["frequency"] = "frequency",
    };

    public static async Task<Outcome> RunAsync(WuyeDb db, Guid companyId, Stream stream, CancellationToken ct)
    {
        var rows = Read(stream);
        var v = new Validator();
        var inputs = new List<(int Row, CheckItemInput Input)>();
        foreach (var (rowNumber, cells) in rows)
        {
            string? Cell(string key) => cells.TryGetValue(key, out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
            decimal? points = null;
            if (Cell("points") is { } p)
            {
                if (
                    decimal.TryParse(
                        p,
                        System.Globalization.NumberStyles.Number,
                        System.Globalization.CultureInfo.InvariantCulture,
                        out var d
                    )
                )
                    points = d;
                else
                    v.Add(
                        $"rows[{rowNumber}].pointsPerDeduction",
                        $"第 {rowNumber} 行：每项扣分“{p}”不是数字",
                        $"Row {rowNumber}: points \"{p}\" is not a number"
                    );
            }
            var input = new CheckItemInput(
                companyId,
                Cell("code"),
                Cell("area"),
                Cell("description"),
                Cell("method"),
                Cell("sampling"),
                points,
                Cell("frequency")
            );
            var rowErrors = new Validator();
            input.Validate(rowErrors);
            try
            {
                rowErrors.ThrowIfAny();
            }
            catch (ValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                foreach (var m in messages)
                    v.Add($"rows[{rowNumber}].{field}", $"第 {rowNumber} 行：{m}", $"Row {rowNumber}: {m}");
            }
            inputs.Add((rowNumber, input));
        }
        foreach (var dup in inputs.Where(i => i.Input.Code is not null).GroupBy(i => i.Input.Code!).Where(g => g.Count() > 1))
            v.Add(
                $"rows[{dup.Skip(1).First().Row}].code",
                $"编码“{dup.Key}”在表中出现了多次",
                $"Code \"{dup.Key}\" appears more than once"
            );
        if (inputs.Count == 0)
            v.Add(
                "file",
                "表中没有标准行（第一行应为表头：编码、区域、核查内容、核查方法、抽样要求、每项扣分、频次）",
                "The sheet has no rows (the first row must be the header: code, area, description, method, sampling, points, frequency)"
            );
        v.ThrowIfAny();

        var existing = await db.Set<CheckItem>().Where(i => i.CompanyId == companyId).ToDictionaryAsync(i => i.Code, ct);
        int created = 0,
            revised = 0,
            unchanged = 0;
        foreach (var (_, input) in inputs)
        {
            if (existing.TryGetValue(input.Code!, out var item))
            {
                if (
                    item.Reimport(
                        input.Code!,
                        input.ParsedArea,
                        input.ParsedFrequency,
                        input.Description!,
                        input.Method,
                        input.Sampling,
                        input.PointsPerDeduction
                    )
                    is not { } revision
                )
                {
                    unchanged++;
                    continue;
                }
                db.Add(revision);
                revised++;
            }
            else
            {
                item = new CheckItem
                {
                    CompanyId = companyId,
                    Code = input.Code!,
                    Description = "",
                };
                item.Word(
                    input.Code!,
                    input.ParsedArea,
                    input.ParsedFrequency,
                    input.Description!,
                    input.Method,
                    input.Sampling,
                    input.PointsPerDeduction
                );
                db.Add(item);
                db.Add(item.Snapshot());
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new Outcome(created, revised, unchanged);
    }

    /// <summary>(row number, column key → text) for every non-empty row under the header; read streaming and bounded
    /// (WorkbookLimits).</summary>
    private static List<(int Row, Dictionary<string, string> Cells)> Read(Stream stream)
    {
        var unreadable = ValidationException.For(
            "file",
            "无法读取该文件，请上传 .xlsx 格式的 Excel 表格",
            "The file could not be read; upload an .xlsx workbook"
        );
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        SpreadsheetDocument doc;
        try
        {
            WorkbookLimits.RefuseBombs(copy);
            copy.Position = 0;
            doc = SpreadsheetDocument.Open(copy, false);
        }
        catch (WorkbookTooLargeException ex)
        {
            throw ValidationException.For("file", ex.Text.Zh, ex.Text.En);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw unreadable;
        }
        using (doc)
        {
            try
            {
                return ReadFirstSheet(doc);
            }
            catch (WorkbookTooLargeException ex)
            {
                throw ValidationException.For("file", ex.Text.Zh, ex.Text.En);
            }
            catch (Exception e)
                when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or KeyNotFoundException)
            {
                throw unreadable;
            }
        }
    }

    private static List<(int Row, Dictionary<string, string> Cells)> ReadFirstSheet(SpreadsheetDocument doc)
    {
        var wb = doc.WorkbookPart ?? throw ValidationException.For("file", "表格中没有工作表", "The workbook has no sheet");
        var sheet = wb.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
        if (sheet?.Id?.Value is not { } rel || wb.GetPartById(rel) is not WorksheetPart part)
            throw ValidationException.For("file", "表格中没有工作表", "The workbook has no sheet");
        var shared = WorkbookLimits.SharedStrings(wb);
        var budget = new WorkbookLimits.CellBudget();
        string Text(Cell c)
        {
            var raw = c.CellValue?.Text ?? c.InnerText;
            if (c.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var idx) && idx >= 0 && idx < shared.Length)
                return shared[idx];
            if (c.DataType?.Value == CellValues.InlineString)
                return c.InlineString?.InnerText ?? "";
            return raw ?? "";
        }
        static int Column(string reference)
        {
            var n = 0;
            foreach (var ch in reference.TakeWhile(char.IsLetter).Take(4))
                n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            return n;
        }
        var result = new List<(int, Dictionary<string, string>)>();
        Dictionary<int, string>? columns = null;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (!reader.IsStartElement || reader.ElementType != typeof(Row))
                continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var cells = new Dictionary<int, string>();
            foreach (var c in row.Elements<Cell>())
                if (c.CellReference?.Value is { } reference)
                    cells[Column(reference)] = Text(c);
            budget.Take(cells.Count);
            if (columns is null)
            {
                columns = cells
                    .Where(c => Headers.ContainsKey(c.Value.Trim().Replace(" ", "")))
                    .ToDictionary(c => c.Key, c => Headers[c.Value.Trim().Replace(" ", "")]);
                if (!columns.ContainsValue("code") || !columns.ContainsValue("frequency"))
                    throw ValidationException.For(
                        "file",
                        "第一行应为表头，至少包含“编码”和“频次”两列",
                        "The first row must be a header with at least code and frequency"
                    );
                continue;
            }
            if (cells.Values.All(string.IsNullOrWhiteSpace))
                continue;
            result.Add(
                (
                    (int)(row.RowIndex?.Value ?? 0),
                    columns.Where(c => cells.ContainsKey(c.Key)).ToDictionary(c => c.Value, c => cells[c.Key])
                )
            );
        }
        return result;
    }
}
