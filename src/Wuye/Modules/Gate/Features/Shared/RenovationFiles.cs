using System.IO.Compression;
using System.Text;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.Shared;

/// <summary>
/// The files of a renovation, kept with the platform's file store under the renovated home (so its owners and the project's staff may
/// fetch them, and no one else): the drawings — PDF, images, CAD (DWG, DXF), each read by its first bytes and capped at
/// <c>Wuye:Gate:DrawingMaxBytes</c> — and handwritten signatures (PNG data URLs from the phone's signature pad).
/// </summary>
internal static class RenovationFiles
{
    public const int MaxDrawings = 20;
    private const string DataUrl = "data:image/png;base64,";

    /// <summary>The content type of a drawing from its first bytes (and, for a DXF, its name); null when it is none of them.</summary>
    public static string? SniffDrawing(ReadOnlySpan<byte> head, string fileName)
    {
        if (FileStore.Sniff(head) is { } image)
            return image;
        if (head.StartsWith("%PDF-"u8))
            return "application/pdf";
        // DWG: "AC10xx" / "AC1.xx" — the version string of every AutoCAD drawing file.
        if (head.Length >= 6 && head.StartsWith("AC1"u8) && head[3..6].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
            return "image/vnd.dwg";
        if (!fileName.EndsWith(".dxf", StringComparison.OrdinalIgnoreCase))
            return null;
        if (head.StartsWith("AutoCAD Binary DXF"u8))
            return "image/vnd.dxf";
        // ASCII DXF: group codes and values, one per line, opening with "0" / SECTION or a 999 comment.
        if (head.IndexOfAnyExceptInRange((byte)0x09, (byte)0x7E) >= 0)
            return null;
        var text = Encoding.ASCII.GetString(head).TrimStart();
        return text.StartsWith('0') || text.StartsWith("999", StringComparison.Ordinal) ? "image/vnd.dxf" : null;
    }

    public static FileStore.FileRule DrawingRule(string field, string fileName, long maxBytes) =>
        new(
            field,
            maxBytes,
            SniffDrawing,
            Loc.T($"图纸“{fileName}”超过 {maxBytes / 1024 / 1024} MB", $"The drawing “{fileName}” is over {maxBytes / 1024 / 1024} MB"),
            Loc.T(
                $"图纸“{fileName}”不是 PDF、图片（JPG/PNG/GIF/WebP）或 CAD（DWG/DXF）文件",
                $"The drawing “{fileName}” is not a PDF, an image (JPG/PNG/GIF/WebP) or a CAD file (DWG/DXF)"
            )
        );

    /// <summary>Stores the drawings uploaded on a form for the home; if one is refused, those stored before it go too.</summary>
    public static async Task<Guid[]> SaveDrawingsAsync(
        FileStore files,
        IEnumerable<IFormFile>? uploads,
        Guid? unitId,
        long maxBytes,
        string field,
        CancellationToken ct
    )
    {
        var list = (uploads ?? []).Where(f => f.Length > 0).ToList();
        if (list.Count > MaxDrawings)
            throw ValidationException.For(field, $"图纸最多 {MaxDrawings} 个文件", $"At most {MaxDrawings} drawing files");
        if (list.Count == 0)
            return [];
        if (unitId is null)
            throw ValidationException.For("unitId", "请选择房屋", "Choose the home");
        var ids = new List<Guid>();
        try
        {
            foreach (var f in list)
            {
                await using var s = f.OpenReadStream();
                var name = Path.GetFileName(f.FileName);
                ids.Add((await files.SaveAsync(s, name, null, unitId, DrawingRule(field, name, maxBytes), ct)).Id);
            }
        }
        catch
        {
            await files.DiscardAsync(ids, CancellationToken.None);
            throw;
        }
        return [.. ids];
    }

    /// <summary>Stores a handwritten signature (a PNG data URL from the signature pad) under the project or the home.</summary>
    public static async Task<StoredFile> SaveSignatureAsync(
        FileStore files,
        string? dataUrl,
        string fileName,
        Guid? projectId,
        Guid? unitId,
        CancellationToken ct
    )
    {
        var sig = (dataUrl ?? "").Trim();
        byte[] png;
        try
        {
            png = sig.StartsWith(DataUrl, StringComparison.Ordinal) ? Convert.FromBase64String(sig[DataUrl.Length..]) : [];
        }
        catch (FormatException)
        {
            png = [];
        }
        if (png.Length < 100)
            throw ValidationException.For("signature", "请在签名框内手写签名", "Sign by hand in the signature box");
        var stored = await files.SaveAsync(
            new MemoryStream(png),
            fileName,
            projectId,
            unitId,
            new FileStore.FileRule(
                "signature",
                files.MaxBytes,
                (head, _) => FileStore.Sniff(head) == "image/png" ? "image/png" : null,
                Loc.T("签名图片过大", "The signature image is too large"),
                Loc.T("签名须为 PNG 图片", "The signature must be a PNG image")
            ),
            ct
        );
        return stored;
    }

    /// <summary>A handwriting-like stroke as a PNG (the demo data's signatures): a few loops whose shape follows the name.</summary>
    public static byte[] DemoSignaturePng(string name)
    {
        const int w = 340,
            h = 140;
        var pixels = new byte[h * (w + 1)];
        for (var y = 0; y < h; y++)
        {
            pixels[y * (w + 1)] = 0; // filter: none
            Array.Fill(pixels, (byte)255, y * (w + 1) + 1, w);
        }
        var seed = name.Aggregate(7, (a, c) => a * 31 + c);
        for (var t = 0.0; t < 1.0; t += 0.0004)
        {
            var x = 20 + t * 300;
            var y = 70 + 30 * Math.Sin(t * (14 + seed % 5)) * Math.Cos(t * (5 + seed % 3)) + 12 * Math.Sin(t * 60);
            for (var dx = 0; dx < 2; dx++)
            for (var dy = 0; dy < 2; dy++)
            {
                var px = (int)x + dx;
                var py = (int)y + dy;
                if (px is >= 0 and < w && py is >= 0 and < h)
                    pixels[py * (w + 1) + 1 + px] = 20;
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, w);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), h);
        header[8] = 8; // bit depth; colour type 0: greyscale
        Chunk(png, "IHDR", header);
        using (var z = new MemoryStream())
        {
            using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(pixels);
            Chunk(png, "IDAT", z.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
