using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ReadNotice;

/// <summary>
/// POST /notices/{id}/read: the reader's receipt (已读回执), written once however often they open it; GET /notices/{id}/reads:
/// who read it and when, for its publishers.
/// </summary>
internal sealed class ReadNoticeHandler(WuyeDb db, NoticeReader reader, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = NoticeApi.Notices(api);
        g.MapPost("/{id:guid}/read", async (ReadNoticeHandler handler, Guid id, CancellationToken ct) =>
                TypedResults.Ok(new { firstTime = await handler.HandleAsync(id, ct) })
            )
            .RequireRoles([.. CareRoles.StaffReaders, Roles.Owner])
            .WithSummary("Record that I read a notice (once)");

        g.MapGet("/{id:guid}/reads", async (WuyeDb db, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            {
                if (!await db.Set<Notice>().AnyAsync(n => n.Id == id, ct))
                    throw new NotFoundException("notice");
                var (pg, size) = Paging.Normalize(page, pageSize);
                var q = db.Set<NoticeRead>().AsNoTracking().Where(r => r.NoticeId == id);
                var total = await q.CountAsync(ct);
                var rows = await q.OrderBy(r => r.ReadAt).ThenBy(r => r.Id).Skip((pg - 1) * size).Take(size).ToListAsync(ct);
                var ids = rows.Select(r => r.UserId).ToList();
                // The readers' names: a one-table query of the accounts the receipts name (owners' rows sit outside staff scopes).
                var names = await db
                    .Users.IgnoreQueryFilters()
                    .AsNoTracking()
                    .Where(u => ids.Contains(u.Id))
                    .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName })
                    .ToDictionaryAsync(u => u.Id, u => u.Name ?? "", ct);
                var items = rows.Select(r => new NoticeReadDto(r.UserId, names.GetValueOrDefault(r.UserId, ""), r.ReadAt)).ToList();
                return TypedResults.Ok(new Paged<NoticeReadDto>(items, pg, size, total));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Who read a notice and when (read receipts), for its publishers");
    }

    /// <summary>True the first time this user reads the notice. A receipt is the reader's own fact, written past the record's
    /// project scope (an owner's grant is their unit), hence one plain insert that ignores a second copy.</summary>
    public async Task<bool> HandleAsync(Guid id, CancellationToken ct)
    {
        var keys = await reader.FindAsync(id, ct) ?? throw new NotFoundException("notice");
        var me = db.Scope.UserId ?? throw new RuleException("notice.no_reader", "请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var rowId = Guid.CreateVersion7();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            insert into customer_care.notice_read (id, company_id, project_id, notice_id, user_id, read_at)
            values ({rowId}, {keys.CompanyId}, {keys.ProjectId}, {id}, {me}, {now})
            on conflict (notice_id, user_id) do nothing
            """,
            ct
        );
        return inserted == 1;
    }
}
