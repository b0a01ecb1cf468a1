using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ListComplaints;

/// <summary>GET /complaints: the complaints the user may see, newest first, filtered.</summary>
internal static class ListComplaints
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi
            .Group(api)
            .MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    EnumQuery<ComplaintStatus>? status,
                    EnumQuery<ComplaintCategory>? category,
                    Guid? projectId,
                    Guid? unitId,
                    Guid? ownerStaffId,
                    bool? overdue,
                    bool? vip,
                    bool? major,
                    bool? mine,
                    string? q,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var now = clock.GetUtcNow();
                    var query = db.Set<Complaint>().AsNoTracking();
                    if (status?.Value is { } s)
                        query = query.Where(c => c.Status == s);
                    if (category?.Value is { } cat)
                        query = query.Where(c => c.Category == cat);
                    if (projectId is { } p)
                        query = query.Where(c => c.ProjectId == p);
                    if (unitId is { } u)
                        query = query.Where(c => c.UnitId == u);
                    if (ownerStaffId is { } o)
                        query = query.Where(c => c.OwnerStaffId == o);
                    if (mine == true)
                    {
                        var me = db.Scope.UserId;
                        query = query.Where(c => c.OwnerStaffId == me);
                    }
                    if (overdue == true)
                        query = query.Where(c => c.Status == ComplaintStatus.Open && c.ReplyDueAt < now);
                    if (vip is { } v)
                        query = query.Where(c => c.Vip == v);
                    if (major is { } m)
                        query = query.Where(c => (c.Major != null) == m);
                    if (!string.IsNullOrWhiteSpace(q))
                    {
                        var t = q.Trim();
                        query = query.Where(c => c.Number.Contains(t) || c.Description.Contains(t) || c.ComplainantName.Contains(t));
                    }
                    var paged = await ComplaintQueries
                        .Complaints(db, query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id), now)
                        .ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(ComplaintQueries.Masked)] });
                }
            )
            .WithSummary("Complaints the user may see, newest first (owners: their own units')");
}
