using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform;
using Wuye.Platform.Files;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.CustomerCare;

/// <summary>
/// Notice attachments through the API: the desk posts a notice with a PDF and a photo in one request; the demo owner (a home of
/// the project) downloads them; a notice for another building, and any notice for a user of another company, answers 404 on
/// its attachment; a refused file (type or size) or a refused notice leaves neither a notice nor a stored file.
/// </summary>
[Collection(nameof(CustomerCareApiCollection))]
public sealed class NoticeAttachmentTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");

    private static MultipartFormDataContent Form(object notice, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(notice)), "notice" } };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "attachments", name);
        }
        return form;
    }

    private Task<(Guid Project, Guid Building, Guid OtherBuilding)> HomeAsync() =>
        _app.DbAsync(async db =>
        {
            var user = await db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync();
            var person = await db.PersonRefs().Where(p => p.UserId == user).Select(p => p.Id).FirstAsync();
            var unitId = await db.OccupantRefs().Where(o => o.PersonId == person).Select(o => o.UnitId).FirstAsync();
            var unit = await db.UnitRefs().Where(u => u.Id == unitId).FirstAsync();
            var other = await db.BuildingRefs()
                .Where(b => b.ProjectId == unit.ProjectId && b.Id != unit.BuildingId)
                .Select(b => b.Id)
                .FirstAsync();
            return (unit.ProjectId, unit.BuildingId, other);
        });

    [Fact]
    public async Task A_notice_carries_its_files_to_its_readers_only_and_a_bad_file_leaves_nothing_behind()
    {
        var (project, _, otherBuilding) = await HomeAsync();
        var service = await _app.As("service");
        var res = await service.PostAsync(
            "/api/v1/notices/with-attachments",
            Form(
                new
                {
                    projectId = project,
                    title = "附件公告 供暖安排",
                    body = "供暖时间表见附件。",
                    publish = true,
                },
                ("供暖时间表.pdf", Pdf),
                ("锅炉房.png", FileTests.Png)
            )
        );
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var files = (await res.JsonAsync()).GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["供暖时间表.pdf", "锅炉房.png"], files.Select(f => f.GetProperty("fileName").GetString()));
        Assert.Equal(["application/pdf", "image/png"], files.Select(f => f.GetProperty("contentType").GetString()));
        var pdfUrl = files[0].GetProperty("url").GetString()!;

        var owner = await _app.As("owner");
        var got = await owner.GetAsync(pdfUrl);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("application/pdf", got.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await got.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("manager2")).GetAsync(pdfUrl)).StatusCode);

        var elsewhere = await service.PostAsync(
            "/api/v1/notices/with-attachments",
            Form(
                new
                {
                    projectId = project,
                    title = "附件公告 另一幢",
                    body = "仅另一幢。",
                    buildingIds = new[] { otherBuilding },
                    publish = true,
                },
                ("另一幢.pdf", Pdf)
            )
        );
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        var otherUrl = (await elsewhere.JsonAsync()).GetProperty("attachments")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(otherUrl)).StatusCode); // not for the owner's building
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync(otherUrl)).StatusCode);

        var max = _app.Services.GetRequiredService<IOptions<WuyeOptions>>().Value.Files.MaxBytes;
        var big = new byte[max + 1];
        Pdf.CopyTo(big, 0);
        var refused = new (string Title, (string, byte[])[] Files, string Field)[]
        {
            ("附件公告 程序", [("时间表.pdf", Pdf), ("setup.exe", [.. "MZ"u8, .. new byte[200]])], "attachments"),
            ("附件公告 过大", [("大文件.pdf", big)], "attachments"),
            ("", [("时间表.pdf", Pdf)], "title"),
        };
        foreach (var (title, upload, field) in refused)
        {
            var bad = await service.PostAsync(
                "/api/v1/notices/with-attachments",
                Form(
                    new
                    {
                        projectId = project,
                        title,
                        body = "b",
                        publish = true,
                    },
                    upload
                )
            );
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        var (notices, stored) = await _app.DbAsync(async db =>
            (
                await db.Set<Wuye.Modules.CustomerCare.Domain.Notice>()
                    .CountAsync(n => n.Title == "附件公告 程序" || n.Title == "附件公告 过大"),
                await db.Set<StoredFile>().CountAsync(f => f.FileName == "时间表.pdf" || f.FileName == "大文件.pdf")
            )
        );
        Assert.Equal((0, 0), (notices, stored));
    }
}
