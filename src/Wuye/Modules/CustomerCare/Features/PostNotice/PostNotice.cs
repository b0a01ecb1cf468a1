using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PostNotice;

internal sealed record NewNotice(
    Guid? ProjectId,
    string? Title,
    string? Body,
    NoticeKind? Kind,
    NoticeAudience? Audience,
    Guid[]? BuildingIds,
    DateTimeOffset? PublishAt,
    DateTimeOffset? ExpiresAt,
    bool? Pinned,
    bool? Push,
    bool? Publish
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "标题", "Title")
            .MaxLength("title", Title, 100, "标题", "Title")
            .Required("body", Body, "正文", "Body")
            .MaxLength("body", Body, 4000, "正文", "Body");
        if (BuildingIds is { Length: > 100 })
            v.Add("buildingIds", "最多选 100 幢楼", "At most 100 buildings");
        if (BuildingIds is { Length: > 0 } && Audience == NoticeAudience.Staff)
            v.Add("buildingIds", "员工公告不按楼栋发送", "A staff notice is not sent by building");
        if (ExpiresAt is { } e && PublishAt is { } p && e <= p)
            v.Add("expiresAt", "有效期须晚于发布时间", "The notice must expire after it goes up");
    }
}

/// <summary>POST /notices: a notice written as a draft or published at once (or from a later moment); pushed when it must be.</summary>
internal sealed class PostNoticeHandler(WuyeDb db, TimeProvider clock, UserNames names, NoticeRecipients recipients)
{
    public static void Map(RouteGroupBuilder api) =>
        NoticeApi
            .Notices(api)
            .MapPost("/", async (PostNoticeHandler handler, NoticeReader reader, NewNotice body, CancellationToken ct) =>
            {
                var n = await handler.HandleAsync(body, null, ct);
                var dto = await reader.ToDtos((await reader.VisibleAsync(ct)).Where(x => x.Id == n.Id)).FirstAsync(ct);
                return TypedResults.Created($"/api/v1/notices/{n.Id}", dto);
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Write a notice (公告) for a project's households, staff or both; publish it now, later, or keep it a draft");

    public async Task<Notice> HandleAsync(
        NewNotice input,
        string? source,
        CancellationToken ct,
        IReadOnlyList<Wuye.Platform.Files.StoredFile>? attachments = null
    )
    {
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var buildings = (input.BuildingIds ?? []).Distinct().ToArray();
        if (buildings.Length > 0)
        {
            var found = await db.BuildingRefs().CountAsync(b => buildings.Contains(b.Id) && b.ProjectId == project.Id, ct);
            if (found != buildings.Length)
                throw ValidationException.For("buildingIds", "楼栋不属于该项目", "A building is not in this project");
        }
        var now = clock.GetUtcNow();
        var me = db.Scope.UserId;
        var notice = new Notice
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Title = input.Title!.Trim(),
            Body = input.Body!.Trim(),
            Kind = input.Kind ?? NoticeKind.General,
            Audience = input.Audience ?? NoticeAudience.Everyone,
            BuildingIds = buildings,
            Pinned = input.Pinned ?? false,
            Push = input.Push ?? false,
            ExpiresAt = input.ExpiresAt?.ToUniversalTime(),
            AuthorUserId = me,
            AuthorName = (me is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("系统", "System"),
            Source = source,
        };
        if (input.ExpiresAt is { } exp && exp <= now)
            throw ValidationException.For("expiresAt", "有效期须晚于现在", "The notice must expire in the future");
        db.Add(notice);
        var position = 0;
        foreach (var f in attachments ?? [])
            db.Add(
                new NoticeAttachment
                {
                    CompanyId = notice.CompanyId,
                    ProjectId = notice.ProjectId,
                    NoticeId = notice.Id,
                    FileId = f.Id,
                    Position = ++position,
                    FileName = f.FileName,
                    ContentType = f.ContentType,
                    Size = f.Size,
                }
            );
        if (input.Publish ?? input.PublishAt is not null)
        {
            notice.Publish(now, input.PublishAt);
            await recipients.PrepareAsync(notice, ct);
        }
        await db.SaveChangesAsync(ct);
        return notice;
    }
}
