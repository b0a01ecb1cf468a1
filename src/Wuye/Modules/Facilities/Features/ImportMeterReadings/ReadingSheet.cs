using System.Globalization;
using MiniExcelLibs;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ImportMeterReadings;

/// <summary>One filled row of an uploaded reading sheet, as the spreadsheet numbers it, with its cells as typed.</summary>
internal sealed record SheetRow(int Row, object? Code, object? Value, object? ReadOn);

/// <summary>
/// Reads an uploaded .xlsx of readings with MiniExcel (streaming): the first filled row is the header (表号, 读数, 抄表日期 or
/// meter, reading, read on, in any order), every filled row under it is a reading. A file that is not an .xlsx, too large or with
/// too many rows is one error on <c>file</c>; nothing here touches the database.
/// </summary>
internal static class ReadingSheet
{
    public const long MaxBytes = 5L << 20;
    public const int MaxRows = 10_000;

    private static readonly Dictionary<string, string> Headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["表号"] = "meterCode",
        ["计量表"] = "meterCode",
        ["meter"] = "meterCode",
        ["metercode"] = "meterCode",
        ["code"] = "meterCode",
        ["读数"] = "value",
        ["本次读数"] = "value",
        ["reading"] = "value",
        ["value"] = "value",
        ["抄表日期"] = "readOn",
        ["日期"] = "readOn",
        ["readon"] = "readOn",
        ["date"] = "readOn",
        ["readingdate"] = "readOn",
    };

    private static ValidationException FileError(string zh, string en) => ValidationException.For("file", zh, en);

    public static List<SheetRow> Read(Stream upload, long length)
    {
        if (length > MaxBytes)
            throw FileError(
                $"文件超过 {MaxBytes >> 20} MB，请拆分后分批导入",
                $"The file is over {MaxBytes >> 20} MB; split it into smaller files"
            );
        if (length == 0)
            throw FileError("文件是空的", "The file is empty");
        using var copy = new MemoryStream();
        upload.CopyTo(copy);
        try
        {
            copy.Position = 0;
            WorkbookLimits.RefuseBombs(copy);
            copy.Position = 0;
            return Rows(copy);
        }
        catch (WorkbookTooLargeException e)
        {
            throw FileError(e.Text.Zh, e.Text.En);
        }
        catch (ValidationException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // MiniExcel and the zip reader throw many kinds for a file that is not a workbook: all mean the same to the reader.
            throw FileError(
                "无法读取该文件，请上传 .xlsx 格式的 Excel 表格（可先下载模板）",
                "The file could not be read; upload an .xlsx workbook"
            );
        }
    }

    private static List<SheetRow> Rows(Stream xlsx)
    {
        var result = new List<SheetRow>();
        Dictionary<string, string>? columns = null;
        var number = 0;
        foreach (IDictionary<string, object?> cells in xlsx.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            number++;
            if (cells.Values.All(v => v is null || (v is string s && string.IsNullOrWhiteSpace(s))))
                continue;
            if (columns is null)
            {
                columns = cells
                    .Where(c => c.Value is string h && Headers.ContainsKey(Key(h)))
                    .GroupBy(c => Headers[Key((string)c.Value!)])
                    .ToDictionary(g => g.Key, g => g.First().Key);
                if (!columns.ContainsKey("meterCode") || !columns.ContainsKey("value"))
                    throw FileError(
                        "第一行应为表头，至少包含“表号”和“读数”两列（可先下载模板）",
                        "The first row must be a header with at least meter and reading columns (download the template)"
                    );
                continue;
            }
            if (result.Count == MaxRows)
                throw FileError(
                    $"文件超过 {MaxRows:N0} 行读数，请拆分后分批导入",
                    $"The file has more than {MaxRows:N0} readings; split it into smaller files"
                );
            object? Cell(string key) => columns.TryGetValue(key, out var col) && cells.TryGetValue(col, out var v) ? v : null;
            result.Add(new SheetRow(number, Cell("meterCode"), Cell("value"), Cell("readOn")));
        }
        if (columns is null)
            throw FileError("表格是空的（第一行应为表头：表号、读数、抄表日期）", "The sheet is empty (the first row must be the header)");
        return result;
    }

    private static string Key(string header) => header.Trim().Replace(" ", "").Replace("_", "").Replace("（", "(").Split('(')[0];

    public static string? Text(object? cell) =>
        cell switch
        {
            null => null,
            double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => string.IsNullOrWhiteSpace(cell.ToString()) ? null : cell.ToString()!.Trim(),
        };

    /// <summary>A number as typed: a number cell, or a text of digits ("1,234.5" too).</summary>
    public static decimal? Number(object? cell)
    {
        if (cell is double d)
            return double.IsFinite(d) && Math.Abs(d) < 1e15 ? (decimal)d : null;
        return decimal.TryParse(Text(cell), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d",
        "yyyy/M/d",
        "yyyy.M.d",
        "yyyyMMdd",
        "yyyy年M月d日",
        "yyyy-M-d H:mm:ss",
        "yyyy/M/d H:mm:ss",
    ];

    /// <summary>A date cell, an Excel serial day, or a text date (2026-11-25, 2026/11/25, 2026.11.25, 20261125, 2026年11月25日).</summary>
    public static DateOnly? Date(object? cell) =>
        cell switch
        {
            DateTime t => DateOnly.FromDateTime(t),
            double d when d >= 1 && d < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(d))),
            _ => DateTime.TryParseExact(Text(cell), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? DateOnly.FromDateTime(t)
                : null,
        };
}
