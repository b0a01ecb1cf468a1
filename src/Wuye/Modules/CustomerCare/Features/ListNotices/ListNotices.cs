using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ListNotices;

/// <summary>GET /notices and /notices/{id}: the board as the user may read it, pinned first, newest next.</summary>
internal static class ListNotices
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = NoticeApi.Notices(api);
        g.MapGet(
                "/",
                async (
                    NoticeReader reader,
                    Guid? projectId,
                    NoticeKind? kind,
                    NoticeStatus? status,
                    bool? unread,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = await reader.VisibleAsync(ct);
                    if (projectId is { } p)
                        q = q.Where(n => n.ProjectId == p);
                    if (kind is { } k)
                        q = q.Where(n => n.Kind == k);
                    if (status is { } s)
                        q = q.Where(n => n.Status == s);
                    if (unread is { } u)
                        q = reader.WhereReadByMe(q, !u);
                    var dtos = reader.ToDtos(
                        q.OrderByDescending(n => n.Pinned).ThenByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id)
                    );
                    return TypedResults.Ok(await dtos.ToPagedAsync(page, pageSize, ct));
                }
            )
            .RequireRoles([.. CareRoles.StaffReaders, Roles.Owner])
            .WithSummary(
                "Notices (公告) the user may read: publishers see all of their places' with read counts, others those up now for them"
            );

        g.MapGet(
                "/{id:guid}",
                async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<NoticeDto>> (NoticeReader reader, Guid id, CancellationToken ct) =>
                    TypedResults.Ok(
                        await reader.ToDtos((await reader.VisibleAsync(ct)).Where(n => n.Id == id)).FirstOrDefaultAsync(ct)
                            ?? throw new NotFoundException("notice")
                    )
            )
            .RequireRoles([.. CareRoles.StaffReaders, Roles.Owner])
            .WithSummary("One notice, if the user may read it");
    }
}
