using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Wuye.Platform.Web;
using XText = DocumentFormat.OpenXml.Spreadsheet.Text;

namespace Wuye.Platform.Web;

public sealed record TableSheet(string Name, IReadOnlyList<string> Headers, IEnumerable<IReadOnlyList<string?>> Rows);

/// <summary>Writes lists as .csv (UTF-8 with BOM, which Excel opens correctly in Chinese) or .xlsx.</summary>
public static class TableFile
{
    public const int MaxRows = 200_000;

    public static bool TryFormat(string? format, out string normalized)
    {
        normalized = (format ?? "xlsx").Trim().ToLowerInvariant();
        return normalized is "csv" or "xlsx";
    }

    /// <summary>The file, named with the time of the download in China time (the app's clock, never the server's zone).</summary>
    public static IResult Result(string format, string baseName, params TableSheet[] sheets) => new StampedFile(format, baseName, sheets);

    /// <summary>"导入模板-20261203-2315": the name's stamp is China time.</summary>
    public static string FileName(string baseName, string format, TimeProvider clock) =>
        $"{baseName}-{ChinaTime.Now(clock):yyyyMMdd-HHmm}.{format}";

    private sealed class StampedFile(string format, string baseName, TableSheet[] sheets) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var clock = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
            var name = FileName(baseName, format, clock);
            var file =
                format == "csv"
                    ? Results.File(Csv(sheets[0]), "text/csv; charset=utf-8", name)
                    : Results.File(Xlsx(sheets), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
            return file.ExecuteAsync(http);
        }
    }

    public static byte[] Csv(TableSheet sheet)
    {
        var sb = new StringBuilder();
        void Line(IEnumerable<string?> cells) => sb.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        Line(sheet.Headers);
        foreach (var row in sheet.Rows)
            Line(row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Quote(string? v)
    {
        v = Guard(v ?? "");
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    // A cell starting with = + @ is run as a formula when the file is opened: never hand one out.
    private static string Guard(string v) => v.Length > 0 && v[0] is '=' or '+' or '@' ? "'" + v : v;

    public static byte[] Xlsx(params TableSheet[] sheets)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var list = wb.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = wb.AddNewPart<WorksheetPart>();
                using (var w = OpenXmlWriter.Create(part))
                {
                    w.WriteStartElement(new Worksheet());
                    w.WriteStartElement(new SheetData());
                    uint r = 1;
                    WriteRow(w, r++, sheet.Headers);
                    foreach (var row in sheet.Rows)
                        WriteRow(w, r++, row);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                list.Append(
                    new Sheet
                    {
                        Id = wb.GetIdOfPart(part),
                        SheetId = id++,
                        Name = sheet.Name,
                    }
                );
            }
            wb.Workbook.Save();
        }
        return ms.ToArray();
    }

    private static void WriteRow(OpenXmlWriter w, uint index, IReadOnlyList<string?> cells)
    {
        w.WriteStartElement(new Row { RowIndex = index });
        for (var i = 0; i < cells.Count; i++)
        {
            if (string.IsNullOrEmpty(cells[i]))
                continue;
            // Text cells keep phone and ID numbers as typed; Excel would round an 18-digit number.
            w.WriteElement(
                new Cell
                {
                    CellReference = ColumnName(i) + index,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new XText(XmlSafe(cells[i]!))),
                }
            );
        }
        w.WriteEndElement();
    }

    private static string XmlSafe(string s) =>
        s.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r')) ? new string([.. s.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r')]) : s;

    /// <summary>Excel's column letters: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var s = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";

    public static string YesNo(bool b) => b ? Loc.T("有", "Yes") : Loc.T("无", "No");
}
