using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.MasterData;

/// <summary>
/// What one uploaded workbook may hold is bounded, and the workbook is read streaming: a small
/// file of millions of short shared strings (it passes the zip-bomb check) is refused with a clear
/// error instead of taking the server's memory (issue 12, item 5).
/// </summary>
[Collection(nameof(MasterDataApiCollection))]
public sealed class ImportLimitsTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private async Task<Guid> NewProjectAsync(HttpClient manager)
    {
        var company = await _app.DbAsync(db => db.Companies().Where(c => c.Name.StartsWith("锦华")).Select(c => c.Id).FirstAsync());
        var res = await manager.PostJsonAsync(
            "/api/v1/projects",
            new
            {
                companyId = company,
                name = "上限苑" + Guid.NewGuid().ToString("N")[..6],
                kind = "residential",
            }
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A minimal .xlsx, written part by part, whose shared-string table holds <paramref name="strings"/> short texts (no declared
    /// count).</summary>
    internal static byte[] ManyStrings(int strings)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part(
                "[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8"?>"""
                    + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"""
                    + """<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
                    + """<Default Extension="xml" ContentType="application/xml"/>"""
                    + """<Override PartName="/xl/workbook.xml" """
                    + """ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"""
                    + """<Override PartName="/xl/worksheets/sheet1.xml" """
                    + """ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"""
                    + """<Override PartName="/xl/sharedStrings.xml" """
                    + """ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"""
                    + """</Types>"""
            );
            Part(
                "_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8"?>"""
                    + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
                    + """<Relationship Id="rId1" """
                    + """Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" """
                    + """Target="xl/workbook.xml"/>"""
                    + """</Relationships>"""
            );
            Part(
                "xl/workbook.xml",
                """<?xml version="1.0" encoding="UTF-8"?>"""
                    + """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" """
                    + """xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"""
                    + """<sheets><sheet name="房屋" sheetId="1" r:id="rId1"/></sheets></workbook>"""
            );
            Part(
                "xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8"?>"""
                    + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
                    + """<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" """
                    + """Target="worksheets/sheet1.xml"/>"""
                    + """<Relationship Id="rId2" """
                    + """Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" """
                    + """Target="sharedStrings.xml"/>"""
                    + """</Relationships>"""
            );
            Part(
                "xl/worksheets/sheet1.xml",
                """<?xml version="1.0" encoding="UTF-8"?>"""
                    + """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">"""
                    + """<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c>"""
                    + """<c r="B2" t="s"><v>3</v></c></row></sheetData></worksheet>"""
            );
            using var sst = new StreamWriter(
                zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Fastest).Open(),
                new UTF8Encoding(false)
            );
            sst.Write("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
            sst.Write("<si><t>楼栋</t></si><si><t>房号</t></si>");
            for (var i = 2; i < strings; i++)
                sst.Write($"<si><t>{i:x}</t></si>");
            sst.Write("</sst>");
        }
        return ms.ToArray();
    }

    [Fact]
    public async Task A_workbook_of_millions_of_short_shared_strings_is_refused_by_the_bound_and_nothing_is_kept()
    {
        var manager = await _app.As("manager");
        var project = await NewProjectAsync(manager);
        var file = ManyStrings(2_400_000);
        Assert.True(file.Length < 20 * 1024 * 1024, $"the file ({file.Length:N0} bytes) is within the upload limit");
        var batches = await _app.DbAsync(db => db.Set<ImportBatch>().CountAsync());

        var res = await manager.PostAsync($"/api/v1/imports?projectId={project}", Workbooks.Upload(file, "many-strings.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var message = (await res.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("1,000,000", message);
        Assert.Contains("拆分", message);
        Assert.Equal(batches, await _app.DbAsync(db => db.Set<ImportBatch>().CountAsync()));

        // The standards-library import reads workbooks the same way.
        var inspector = await _app.As("inspector");
        var standards = await inspector.PostAsync("/api/v1/check-items/import", Workbooks.Upload(file, "many-strings.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, standards.StatusCode);
        Assert.Contains("1,000,000", (await standards.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task A_workbook_under_the_bound_is_read_as_before()
    {
        var manager = await _app.As("manager");
        var project = await NewProjectAsync(manager);
        var res = await manager.PostAsync(
            $"/api/v1/imports?projectId={project}&rows=none",
            Workbooks.Upload(ManyStrings(50_000), "some-strings.xlsx")
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        // Row 2 names building "2" unit "3": read through the streamed table.
        Assert.Equal(1, (await res.JsonAsync()).GetProperty("totalRows").GetInt32());
    }
}
