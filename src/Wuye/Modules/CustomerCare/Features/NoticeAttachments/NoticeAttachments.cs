using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.PostNotice;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.NoticeAttachments;

/// <summary>
/// Notices with attachments (附件): <c>POST /notices/with-attachments</c> (multipart: <c>notice</c>, the notice as JSON, and up
/// to <see cref="MaxFiles"/> <c>attachments</c>) stores the files in the platform's file store under the notice's project and
/// writes the notice; a refused file (its type read from its first bytes, its size capped at <c>Wuye:Files:MaxBytes</c>) or a
/// refused notice leaves nothing behind. <c>GET /notices/attachments/{id}</c> gives the file to whoever may read its notice,
/// and a 404 to anyone else.
/// </summary>
internal sealed class NoticeAttachmentHandler(
    FileStore files,
    NoticeReader reader,
    PostNoticeHandler post,
    Wuye.Platform.Database.WuyeDb db,
    Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json
)
{
    public const int MaxFiles = 5;

    public static void Map(RouteGroupBuilder api)
    {
        var g = NoticeApi.Notices(api);
        g.MapPost(
                "/with-attachments",
                async (NoticeAttachmentHandler handler, NoticeReader reader, HttpRequest req, CancellationToken ct) =>
                {
                    var id = await handler.PostAsync(req, ct);
                    var dto = await reader.ToDtos((await reader.VisibleAsync(ct)).Where(x => x.Id == id)).FirstAsync(ct);
                    return TypedResults.Created($"/api/v1/notices/{id}", dto);
                }
            )
            .DisableAntiforgery()
            .RequireRoles(CareRoles.Publishers)
            .WithSummary(
                "Write a notice with attachments: multipart/form-data with `notice` (the JSON of POST /notices) and up to five "
                    + "`attachments` (PDF, Word, Excel, PowerPoint, images; each at most Wuye:Files:MaxBytes); all or nothing"
            );
        g.MapGet(
                "/attachments/{id:guid}",
                async Task<Results<FileStreamHttpResult, NotFound>> (NoticeAttachmentHandler handler, Guid id, CancellationToken ct) =>
                    await handler.OpenAsync(id, ct) is { } f
                        ? TypedResults.File(f.Content, f.ContentType, f.FileName, enableRangeProcessing: true)
                        : TypedResults.NotFound()
            )
            .RequireRoles([.. CareRoles.StaffReaders, Roles.Owner])
            .WithSummary("Download a notice's attachment, for whoever may read the notice (404 otherwise)");
    }

    public static string Url(Guid attachmentId) => $"/api/v1/notices/attachments/{attachmentId}";

    private async Task<Guid> PostAsync(HttpRequest req, CancellationToken ct)
    {
        if (!req.HasFormContentType)
            throw ValidationException.For(
                "notice",
                "请以 multipart/form-data 提交（字段 notice 与 attachments）",
                "Send multipart/form-data (fields notice and attachments)"
            );
        var form = await req.ReadFormAsync(ct);
        NewNotice? input;
        try
        {
            input = System.Text.Json.JsonSerializer.Deserialize<NewNotice>(
                form["notice"].ToString() is { Length: > 0 } text ? text : "null",
                json.Value.SerializerOptions
            );
        }
        catch (System.Text.Json.JsonException)
        {
            input = null;
        }
        if (input is null)
            throw ValidationException.For("notice", "公告内容格式不正确", "The notice is not valid JSON");
        return (await PostAsync(input, form.Files.GetFiles("attachments"), ct)).Id;
    }

    /// <summary>Stores the files and writes the notice with them, or neither: the page's form and the API's.</summary>
    public async Task<Notice> PostAsync(NewNotice input, IEnumerable<IFormFile>? attachments, CancellationToken ct)
    {
        Validator.Check(input);
        var uploads = (attachments ?? []).Where(f => f.Length > 0).ToList();
        if (uploads.Count > MaxFiles)
            throw ValidationException.For("attachments", $"附件最多 {MaxFiles} 个", $"At most {MaxFiles} attachments");
        var stored = new List<StoredFile>();
        try
        {
            foreach (var f in uploads)
            {
                await using var s = f.OpenReadStream();
                var name = Path.GetFileName(f.FileName);
                stored.Add(await files.SaveAsync(s, name, input.ProjectId, null, Rule(name, files.MaxBytes), ct));
            }
            return await post.HandleAsync(input, null, ct, stored);
        }
        catch
        {
            await files.DiscardAsync([.. stored.Select(f => f.Id)], CancellationToken.None);
            throw;
        }
    }

    /// <summary>Opens an attachment whose notice the caller may read, or null.</summary>
    public async Task<(Stream Content, string ContentType, string FileName)?> OpenAsync(Guid id, CancellationToken ct)
    {
        // Read alone, the filter lifted (an owner's scope never reaches project rows): then the notice's own rule decides.
        var a = await db.Set<NoticeAttachment>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null || await reader.FindAsync(a.NoticeId, ct) is null)
            return null;
        return await files.OpenGrantedAsync(a.FileId, ct) is { } f ? (f.Content, a.ContentType, a.FileName) : null;
    }

    /// <summary>What a notice may carry: PDF, images, Office documents (new by their zip container and name, old by their
    /// compound-file header and name), read from the first bytes.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        if (FileStore.Sniff(head) is { } image)
            return image;
        if (head.StartsWith("%PDF-"u8))
            return "application/pdf";
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        if (head.StartsWith("PK\u0003\u0004"u8))
            return ext switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                _ => null,
            };
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return ext switch
            {
                ".doc" => "application/msword",
                ".xls" => "application/vnd.ms-excel",
                ".ppt" => "application/vnd.ms-powerpoint",
                _ => null,
            };
        return null;
    }

    public static FileStore.FileRule Rule(string fileName, long maxBytes) =>
        new(
            "attachments",
            maxBytes,
            Sniff,
            Loc.T($"附件“{fileName}”超过 {maxBytes / 1024 / 1024} MB", $"The attachment “{fileName}” is over {maxBytes / 1024 / 1024} MB"),
            Loc.T(
                $"附件“{fileName}”不是 PDF、Word、Excel、PowerPoint 或图片（JPG/PNG/GIF/WebP）",
                $"The attachment “{fileName}” is not a PDF, Word, Excel, PowerPoint file or an image (JPG/PNG/GIF/WebP)"
            )
        );
}
