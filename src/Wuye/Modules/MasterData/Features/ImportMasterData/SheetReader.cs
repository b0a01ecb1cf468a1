using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Wuye.Platform.Web;
using Text = Wuye.Platform.Web.Text;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>One row of a sheet as text: its number in the file (1-based, header is row 1 in CSV) and its cells by column.</summary>
internal sealed record RawRow(int Number, string?[] Cells);

/// <summary>A problem found while reading a cell (a formula, a merged range) rather than while checking its value.</summary>
internal sealed record CellIssue(int Row, int Column, string Value, Text Message);

internal sealed class RawSheet(string name)
{
    public string Name { get; } = name;
    public List<RawRow> Rows { get; } = [];
    public List<CellIssue> Issues { get; } = [];
}

/// <summary>The file cannot be read at all: answered as one clear 400, nothing is stored.</summary>
internal sealed class UnreadableFileException(string zh, string en) : Exception(en)
{
    public Text Text { get; } = new(zh, en);
}

/// <summary>
/// Reads an uploaded .xlsx or .csv into rows of text. The format is decided by the bytes, not
/// the name, so a renamed file is caught. CSV may be UTF-8 (with or without BOM) or GB18030/GBK,
/// which is what Chinese Excel writes by default.
/// </summary>
internal static class SheetReader
{
    public const int MaxRows = 250_000;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static List<RawSheet> Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
            throw new UnreadableFileException("文件是空的", "The file is empty");
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var isOle = content.Length > 8 && content[0] == 0xD0 && content[1] == 0xCF && content[2] == 0x11 && content[3] == 0xE0;
        if (isOle)
            throw new UnreadableFileException(
                "这是旧版 Excel (.xls) 文件，请在 Excel 中另存为 .xlsx 后再上传",
                "This is an old Excel (.xls) file; save it as .xlsx and upload again"
            );
        if (isZip)
            return ReadXlsx(content);
        if (ext is ".xlsx" or ".xlsm")
            throw new UnreadableFileException(
                "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）",
                "The file is named .xlsx but is not an Excel workbook (perhaps another file renamed)"
            );
        if (ext is not (".csv" or ".txt"))
            throw new UnreadableFileException("只支持 .xlsx 和 .csv 文件", "Only .xlsx and .csv files are supported");
        return [ReadCsv(Path.GetFileNameWithoutExtension(fileName), content)];
    }

    public static string Decode(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
            return StrictUtf8.GetString(content, 3, content.Length - 3);
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            // Not valid UTF-8: Chinese Windows Excel saves CSV in the ANSI code page, GBK,
            // which GB18030 contains.
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    private static RawSheet ReadCsv(string name, byte[] content)
    {
        var text = Decode(content);
        if (text.Contains('\0'))
            throw new UnreadableFileException("文件不是文本格式的 CSV", "The file is not a text CSV file");
        var sheet = new RawSheet(name);
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOfAny(['\r', '\n']) is var i and >= 0 ? i : text.Length));
        var delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        var cells = new List<string?>();
        var cell = new StringBuilder();
        var row = 1;
        var rowStart = 1;
        var quoted = false;
        var pos = 0;
        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
        }
        void EndRow()
        {
            EndCell();
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                sheet.Rows.Add(new RawRow(rowStart, [.. cells]));
            if (sheet.Rows.Count > MaxRows)
                throw TooManyRows();
            cells.Clear();
            rowStart = row;
        }
        while (pos < text.Length)
        {
            var ch = text[pos++];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (pos < text.Length && text[pos] == '"')
                    {
                        cell.Append('"');
                        pos++;
                    }
                    else
                        quoted = false;
                }
                else
                {
                    if (ch == '\n')
                        row++;
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0)
                quoted = true;
            else if (ch == delimiter)
                EndCell();
            else if (ch == '\r') { }
            else if (ch == '\n')
            {
                row++;
                EndRow();
            }
            else
                cell.Append(ch);
        }
        if (cell.Length > 0 || cells.Count > 0)
            EndRow();
        // A CSV cannot hold a formula, but Excel evaluates a cell starting with "=" when the file
        // is opened again; treat it like a formula in a workbook.
        foreach (var r in sheet.Rows)
            for (var c = 0; c < r.Cells.Length; c++)
                if (r.Cells[c] is { Length: > 1 } v && v[0] == '=')
                    sheet.Issues.Add(new CellIssue(r.Number, c, v, FormulaText));
        return sheet;
    }

    private static readonly Text FormulaText = new(
        "单元格是公式，请在 Excel 中复制后“选择性粘贴为数值”再导入",
        "The cell holds a formula; paste it as values in Excel first"
    );

    private static UnreadableFileException TooManyRows() =>
        new($"一个工作表最多 {MaxRows:N0} 行，请拆分文件", $"A sheet may have at most {MaxRows:N0} rows; split the file");

    /// <summary>Excel's own limits: column XFD, row 1,048,576. A reference beyond them is a crafted file.</summary>
    public const int MaxColumns = 16_384;
    public const int MaxRowNumber = 1_048_576;

    /// <summary>Columns a template sheet could ever need; a cell far to the right would make every row that wide.</summary>
    public const int MaxUsedColumns = 200;

    private static void RefuseBombs(byte[] content)
    {
        try
        {
            WorkbookLimits.RefuseBombs(new MemoryStream(content, false));
        }
        catch (InvalidDataException)
        {
            throw new UnreadableFileException(
                "无法打开这个 Excel 文件：文件已损坏或不是 .xlsx 工作簿",
                "This Excel file cannot be opened: it is damaged or not an .xlsx workbook"
            );
        }
    }

    private static List<RawSheet> ReadXlsx(byte[] content)
    {
        RefuseBombs(content);
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(new MemoryStream(content, false), false);
        }
        catch (Exception ex)
            when (ex
                    is OpenXmlPackageException
                        or InvalidDataException
                        or FileFormatException
                        or IOException
                        or ArgumentException
                        or InvalidOperationException
                        or System.Xml.XmlException
            )
        {
            throw new UnreadableFileException(
                "无法打开这个 Excel 文件：文件已损坏或不是 .xlsx 工作簿",
                "This Excel file cannot be opened: it is damaged or not an .xlsx workbook"
            );
        }
        using (doc)
        {
            try
            {
                var wb = doc.WorkbookPart ?? throw new InvalidDataException("no workbook");
                // Streaming and bounded: see WorkbookLimits.
                var strings = WorkbookLimits.SharedStrings(wb);
                var budget = new WorkbookLimits.CellBudget();
                var sheets = new List<RawSheet>();
                foreach (var s in wb.Workbook.Sheets?.Elements<Sheet>() ?? [])
                {
                    if (s.Id?.Value is not { } rel || wb.GetPartById(rel) is not WorksheetPart part)
                        continue;
                    sheets.Add(ReadWorksheet(s.Name?.Value ?? "", part, strings, budget));
                }
                return sheets;
            }
            catch (Exception ex)
                when (ex
                        is OpenXmlPackageException
                            or InvalidDataException
                            or FileFormatException
                            or System.Xml.XmlException
                            or KeyNotFoundException
                            or ArgumentOutOfRangeException
                            or IndexOutOfRangeException
                )
            {
                throw new UnreadableFileException(
                    "无法读取这个 Excel 文件：内容已损坏",
                    "This Excel file cannot be read: its content is damaged"
                );
            }
        }
    }

    private static RawSheet ReadWorksheet(string name, WorksheetPart part, string[] strings, WorkbookLimits.CellBudget budget)
    {
        var sheet = new RawSheet(name);
        using var reader = OpenXmlReader.Create(part);
        var lastRow = 0;
        while (reader.Read())
        {
            if (!reader.IsStartElement)
                continue;
            if (reader.ElementType == typeof(Row))
            {
                var row = (Row)reader.LoadCurrentElement()!;
                if (row.RowIndex?.Value > MaxRowNumber)
                    throw new UnreadableFileException(
                        $"行号 {row.RowIndex.Value} 超出 Excel 的范围（最多 {MaxRowNumber:N0} 行）",
                        $"Row {row.RowIndex.Value} is beyond Excel's limit of {MaxRowNumber:N0} rows"
                    );
                var number = (int?)row.RowIndex?.Value ?? lastRow + 1;
                lastRow = number;
                var cells = new List<string?>();
                var col = -1;
                foreach (var c in row.Elements<Cell>())
                {
                    col = c.CellReference?.Value is { } cref ? ColumnIndex(cref) : col + 1;
                    if (col >= MaxUsedColumns)
                    {
                        if (string.IsNullOrEmpty(CellText(c, strings)))
                            continue; // formatting far to the right, no value
                        throw new UnreadableFileException(
                            $"单元格 {c.CellReference?.Value ?? SheetReader.ColumnName(col) + number} 超出范围：导入表最多 {MaxUsedColumns} "
                                + $"列，请删除右侧多余的内容",
                            $"Cell {c.CellReference?.Value ?? SheetReader.ColumnName(col) + number} is out of range: import sheets have "
                                + $"at most {MaxUsedColumns} columns; delete what is far to the right"
                        );
                    }
                    while (cells.Count <= col)
                        cells.Add(null);
                    var value = CellText(c, strings);
                    cells[col] = value;
                    if (c.CellFormula is not null)
                        sheet.Issues.Add(new CellIssue(number, col, "=" + c.CellFormula.Text, FormulaText));
                }
                var filled = cells.Count(v => !string.IsNullOrWhiteSpace(v));
                budget.Take(filled);
                if (filled > 0)
                    sheet.Rows.Add(new RawRow(number, [.. cells]));
                if (sheet.Rows.Count > MaxRows)
                    throw TooManyRows();
            }
            else if (reader.ElementType == typeof(MergeCell))
            {
                var merge = (MergeCell)reader.LoadCurrentElement()!;
                var range = merge.Reference?.Value ?? "";
                var first = range.Split(':')[0];
                sheet.Issues.Add(
                    new CellIssue(
                        RowIndex(first),
                        ColumnIndex(first),
                        range,
                        new(
                            $"合并单元格 {range}：请取消合并，并在每一行填写完整的值",
                            $"Merged cells {range}: unmerge them and fill in every row"
                        )
                    )
                );
            }
        }
        return sheet;
    }

    private static string? CellText(Cell c, string[] strings)
    {
        var raw = c.CellValue?.Text;
        var type = c.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Length
                ? strings[i]
                : null;
        if (type == CellValues.InlineString)
            return c.InlineString?.Text?.Text ?? c.InlineString?.InnerText;
        if (type == CellValues.Boolean)
            return raw == "1" ? "TRUE" : "FALSE";
        if (type is null || type == CellValues.Number)
        {
            // Excel stores 13812345678 or 89.5 as numbers; give them back as the digits a person typed.
            return raw is not null && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? d.ToString(CultureInfo.InvariantCulture)
                : raw;
        }
        return raw;
    }

    public static int ColumnIndex(string cellRef)
    {
        var n = 0;
        foreach (var ch in cellRef)
        {
            if (ch is >= 'A' and <= 'Z')
                n = n * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z')
                n = n * 26 + (ch - 'a' + 1);
            else
                break;
            if (n > MaxColumns)
                return MaxColumns; // a crafted reference (ZZZZZZZ1) must not overflow
        }
        return Math.Max(0, n - 1);
    }

    private static int RowIndex(string cellRef) => int.TryParse(new string([.. cellRef.SkipWhile(char.IsLetter)]), out var r) ? r : 0;

    public static string ColumnName(int index) => TableFile.ColumnName(index);
}
