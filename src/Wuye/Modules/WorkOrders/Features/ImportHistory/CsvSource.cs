using System.Text;
using Sylvan.Data.Csv;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.ImportHistory;

/// <summary>
/// An export read row by row from a file on disk, never whole in memory: UTF-8 (with or without
/// BOM) or GB18030, as older Chinese systems write; the separator (comma, semicolon, tab) found
/// from the header. A row is the record number in the file, the header being row 1.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly StreamReader _reader;
    private readonly CsvDataReader? _csv;

    public string[] Headers { get; }

    /// <summary>The record number of the row last read (the header is 1).</summary>
    public int Row { get; private set; } = 1;

    private CsvSource(Stream stream, Encoding encoding)
    {
        _reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        // The separator is found from the header; a record (a long multi-line description) may grow the buffer to 16 MB.
        // Lax quotes: a stray quote inside a field (common in exports) is text, not a broken file.
        try
        {
            _csv = CsvDataReader.Create(
                _reader,
                new CsvDataReaderOptions
                {
                    HasHeaders = true,
                    CsvStyle = CsvStyle.Lax,
                    MaxBufferSize = 16 << 20,
                }
            );
        }
        catch (CsvMissingHeadersException)
        {
            _csv = null;
        }
        Headers = _csv is { } c ? [.. Enumerable.Range(0, c.FieldCount).Select(i => c.GetName(i).Trim().TrimStart('\uFEFF'))] : [];
    }

    /// <summary>Opens the file; <paramref name="open"/> is called twice (once to find the encoding).</summary>
    public static async Task<CsvSource> OpenAsync(Func<Stream> open, CancellationToken ct)
    {
        var encoding = await IsUtf8Async(open, ct) ? new UTF8Encoding(false) : Gb18030();
        return new CsvSource(open(), encoding);
    }

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    /// <summary>Streams the bytes through a strict UTF-8 decoder: any invalid sequence means the file is not UTF-8.</summary>
    private static async Task<bool> IsUtf8Async(Func<Stream> open, CancellationToken ct)
    {
        await using var s = open();
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        try
        {
            int n;
            while ((n = await s.ReadAsync(bytes, ct)) > 0)
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>The next row's cells, or null at the end of the file; a row with every cell blank is passed over.</summary>
    public async Task<string[]?> ReadAsync(CancellationToken ct)
    {
        if (_csv is null)
            return null;
        while (await ReadRowAsync(_csv, ct))
        {
            Row++;
            var cells = new string[_csv.RowFieldCount];
            var blank = true;
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = _csv.GetString(i);
                blank &= string.IsNullOrWhiteSpace(cells[i]);
            }
            if (!blank)
                return cells;
        }
        return null;
    }

    private async Task<bool> ReadRowAsync(CsvDataReader csv, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvRecordTooLargeException)
        {
            throw ValidationException.For(
                "file",
                $"第 {Row + 1} 行附近无法按 CSV 读取（引号不成对，或一行超过 16 MB）",
                $"Row {Row + 1} or near it cannot be read as CSV (unbalanced quotes, or a row over 16 MB)"
            );
        }
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _reader.Dispose();
    }
}
