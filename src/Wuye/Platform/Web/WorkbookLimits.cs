using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Wuye.Platform.Web;

/// <summary>An uploaded workbook holds more than one upload may: answered as one clear 400 on the file, nothing is stored.</summary>
public sealed class WorkbookTooLargeException(Text text) : Exception(text.En)
{
    public Text Text { get; } = text;
}

/// <summary>
/// Reading uploaded .xlsx files with bounded memory. Parts are read streaming (SAX, OpenXmlReader):
/// never the whole shared-string table or a whole sheet as a document tree, which costs hundreds of
/// bytes per cell (a 7.6 MB file of 2.4 million short strings took 700 MB that way). What one
/// upload may hold is bounded: shared strings, their characters and the cells with a value, so a
/// few concurrent uploads of the largest allowed file cannot exhaust the server's memory.
/// </summary>
public static class WorkbookLimits
{
    /// <summary>Distinct texts of a workbook (Excel's shared-string table). 250,000 rows of names, phones and ID numbers stay well under
    /// it.</summary>
    public const int MaxSharedStrings = 1_000_000;

    /// <summary>Characters in all shared strings together.</summary>
    public const long MaxSharedStringChars = 32_000_000;

    /// <summary>Cells with a value in the whole workbook.</summary>
    public const long MaxCells = 3_000_000;

    public static WorkbookTooLargeException TooManyStrings() =>
        new(
            new(
                $"文件包含的不同文字超过 {MaxSharedStrings:N0} 条（或总字数超过 {MaxSharedStringChars:N0}），超出一次导入的上限，请拆分文件后分批导入",
                $"The file holds more than {MaxSharedStrings:N0} distinct texts (or {MaxSharedStringChars:N0} characters), over what one "
                    + $"import may hold; split the file"
            )
        );

    public static WorkbookTooLargeException TooManyCells() =>
        new(
            new(
                $"文件中填写的单元格超过 {MaxCells:N0} 个，超出一次导入的上限，请拆分文件后分批导入",
                $"The file has more than {MaxCells:N0} filled cells, over what one import may hold; split the file"
            )
        );

    /// <summary>The workbook's shared strings, read streaming and bounded; phonetic guides (rPh) are not part of a value.</summary>
    public static string[] SharedStrings(WorkbookPart workbook)
    {
        if (workbook.SharedStringTablePart is not { } part)
            return [];
        var list = new List<string>();
        long chars = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (!reader.IsStartElement)
                continue;
            if (reader.ElementType == typeof(SharedStringTable))
            {
                // A declared count over the bound is refused before a single string is read.
                var declared = reader.Attributes.FirstOrDefault(a => a.LocalName is "uniqueCount").Value;
                if (long.TryParse(declared, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > MaxSharedStrings)
                    throw TooManyStrings();
            }
            else if (reader.ElementType == typeof(SharedStringItem))
            {
                var item = (SharedStringItem)reader.LoadCurrentElement()!;
                var text = item.Text?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
                chars += text.Length;
                list.Add(text);
                if (list.Count > MaxSharedStrings || chars > MaxSharedStringChars)
                    throw TooManyStrings();
            }
        }
        return [.. list];
    }

    /// <summary>Counts filled cells across one upload and refuses the file past <see cref="MaxCells"/>.</summary>
    public sealed class CellBudget
    {
        private long _used;

        public void Take(int cells)
        {
            _used += cells;
            if (_used > MaxCells)
                throw TooManyCells();
        }
    }

    private const long MaxUnpackedBytes = 1L << 30;
    private const long BombEntryBytes = 50L << 20;
    private const int BombRatio = 100;

    /// <summary>
    /// A zip bomb (a small file that unpacks to gigabytes) is refused before any part is opened:
    /// real workbooks compress about 5–20 times, a bomb hundreds or thousands of times. A stream
    /// that is not a zip at all throws <see cref="InvalidDataException"/> for the caller to name.
    /// </summary>
    public static void RefuseBombs(Stream content)
    {
        using var zip = new System.IO.Compression.ZipArchive(content, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var e in zip.Entries)
        {
            total += e.Length;
            if (total > MaxUnpackedBytes || (e.Length > BombEntryBytes && e.Length > (long)BombRatio * Math.Max(1, e.CompressedLength)))
                throw new WorkbookTooLargeException(
                    new("文件解压后异常巨大（疑似压缩炸弹），已拒绝", "The file unpacks to an abnormal size (a zip bomb?) and was refused")
                );
        }
    }

    /// <summary>At most this many uploaded workbooks are read and checked at once; more wait their turn.</summary>
    public static readonly SemaphoreSlim Gate = new(Math.Max(2, Environment.ProcessorCount), Math.Max(2, Environment.ProcessorCount));
}
