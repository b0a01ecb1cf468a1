using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Contracts;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Shared;

/// <summary>
/// The notices a user may read. Publishers: every notice of their places, drafts included, with read counts. Other
/// staff: the ones up now for staff. Owners: the ones up now for the households of their homes' projects and
/// buildings; notices are project-wide rows an owner's scope does not reach, so the owner's are found in a query of
/// their own (the filter lifted for that one table, the projects and buildings taken from the owner's own homes).
/// </summary>
internal sealed class NoticeReader(WuyeDb db, TimeProvider clock)
{
    /// <summary>The notices the user may read, for ordering and paging before <see cref="ToDtos"/>.</summary>
    public async Task<IQueryable<Notice>> VisibleAsync(CancellationToken ct)
    {
        if (CareRoles.MayPublish(db.Scope))
            return db.Set<Notice>().AsNoTracking();
        var ids = await VisibleIdsAsync(ct);
        return db.Set<Notice>().IgnoreQueryFilters().AsNoTracking().Where(n => ids.Contains(n.Id));
    }

    /// <summary>Only the notices the user has (or has not) read.</summary>
    public IQueryable<Notice> WhereReadByMe(IQueryable<Notice> notices, bool read)
    {
        var me = db.Scope.UserId ?? Guid.Empty;
        var reads = CareRoles.MayPublish(db.Scope) ? db.Set<NoticeRead>() : db.Set<NoticeRead>().IgnoreQueryFilters();
        return notices.Where(n => reads.Any(r => r.NoticeId == n.Id && r.UserId == me) == read);
    }

    /// <summary>The notices as the user reads them: whether they read each, and for publishers how many did.</summary>
    public IQueryable<NoticeDto> ToDtos(IQueryable<Notice> notices)
    {
        var me = db.Scope.UserId ?? Guid.Empty;
        var publisher = CareRoles.MayPublish(db.Scope);
        // A publisher's query keeps its filters (the receipts of their places); the others' is already unfiltered, by ids.
        var reads = publisher ? db.Set<NoticeRead>() : db.Set<NoticeRead>().IgnoreQueryFilters().Where(r => r.UserId == me);
        // Attachments follow their notice: the notices given are already the reader's.
        var files = publisher ? db.Set<NoticeAttachment>() : db.Set<NoticeAttachment>().IgnoreQueryFilters();
        return notices.Select(n => new NoticeDto(
            n.Id,
            n.ProjectId,
            n.Title,
            n.Body,
            n.Kind,
            n.Audience,
            n.BuildingIds,
            n.Pinned,
            n.Push,
            n.Status,
            n.PublishedAt,
            n.ExpiresAt,
            n.AuthorName,
            n.Source,
            reads.Any(r => r.NoticeId == n.Id && r.UserId == me),
            publisher ? reads.Count(r => r.NoticeId == n.Id) : null,
            publisher ? n.Recipients : null,
            files
                .Where(a => a.NoticeId == n.Id)
                .OrderBy(a => a.Position)
                .Select(a => new NoticeAttachmentDto(
                    a.Id,
                    a.FileName,
                    a.ContentType,
                    a.Size,
                    "/api/v1/notices/attachments/" + a.Id.ToString()
                ))
                .ToList()
        ));
    }

    /// <summary>Whether the user may read the notice (and so leave a receipt), with its scope keys.</summary>
    public async Task<(Guid CompanyId, Guid ProjectId)?> FindAsync(Guid id, CancellationToken ct)
    {
        if (CareRoles.MayPublish(db.Scope))
            return
                await db.Set<Notice>().Where(n => n.Id == id).Select(n => new { n.CompanyId, n.ProjectId }).FirstOrDefaultAsync(ct) is { } x
                ? (x.CompanyId, x.ProjectId)
                : null;
        var ids = await VisibleIdsAsync(ct);
        if (!ids.Contains(id))
            return null;
        var y = await db.Set<Notice>()
            .IgnoreQueryFilters()
            .Where(n => n.Id == id)
            .Select(n => new { n.CompanyId, n.ProjectId })
            .FirstAsync(ct);
        return (y.CompanyId, y.ProjectId);
    }

    private async Task<List<Guid>> VisibleIdsAsync(CancellationToken ct)
    {
        var s = db.Scope;
        var now = clock.GetUtcNow();
        var ids = new List<Guid>();
        if (s.IsGlobal || CareRoles.StaffReaders.Any(s.Roles.Contains))
            ids.AddRange(
                await db.Set<Notice>()
                    .Where(n =>
                        n.Status == NoticeStatus.Published
                        && n.PublishedAt <= now
                        && (n.ExpiresAt == null || n.ExpiresAt > now)
                        && n.Audience != NoticeAudience.Owners
                    )
                    .Select(n => n.Id)
                    .ToListAsync(ct)
            );
        if (CareRoles.IsOwner(s))
        {
            var homes = await db.OwnUnitRefs().Select(u => new { u.ProjectId, u.BuildingId }).ToListAsync(ct);
            var projects = homes.Select(h => h.ProjectId).Distinct().ToArray();
            var buildings = homes.Select(h => h.BuildingId).Distinct().ToArray();
            ids.AddRange(
                await db.Set<Notice>()
                    .IgnoreQueryFilters()
                    .Where(n =>
                        projects.Contains(n.ProjectId)
                        && n.Status == NoticeStatus.Published
                        && n.PublishedAt <= now
                        && (n.ExpiresAt == null || n.ExpiresAt > now)
                        && n.Audience != NoticeAudience.Staff
                        && (n.BuildingIds.Length == 0 || n.BuildingIds.Any(b => buildings.Contains(b)))
                    )
                    .Select(n => n.Id)
                    .ToListAsync(ct)
            );
        }
        return [.. ids.Distinct()];
    }
}
