using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Shared;

/// <summary>
/// Who a notice is for (the accounts of the households of its project or buildings living there today, the staff
/// working at the project), and the push that tells them once.
/// </summary>
internal sealed class NoticeRecipients(WuyeDb db, RoleHolders holders, Notifier notifier, TimeProvider clock)
{
    public async Task<(List<Guid> Owners, List<Guid> Staff)> ForAsync(Notice n, CancellationToken ct)
    {
        var owners = new List<Guid>();
        if (n.ForOwners)
        {
            var today = ChinaTime.Today(clock);
            var buildings = n.BuildingIds;
            var units = db.UnitRefs().Where(u => u.ProjectId == n.ProjectId && u.ArchivedAt == null);
            if (buildings.Length > 0)
                units = units.Where(u => buildings.Contains(u.BuildingId));
            var unitIds = await units.Select(u => u.Id).ToListAsync(ct);
            var people = db.PersonRefs();
            owners.AddRange(
                await db.OccupantRefs()
                    .Where(o => unitIds.Contains(o.UnitId) && (o.Until == null || o.Until >= today))
                    .Join(people, o => o.PersonId, p => p.Id, (o, p) => p)
                    .Where(p => p.UserId != null && p.ArchivedAt == null)
                    .Select(p => p.UserId!.Value)
                    .Distinct()
                    .ToListAsync(ct)
            );
            // Owners granted a unit without a person record.
            owners.AddRange(
                await db
                    .RoleAssignments.IgnoreQueryFilters()
                    .AsNoTracking()
                    .Where(r => r.Role == Roles.Owner && r.UnitId != null && unitIds.Contains(r.UnitId.Value))
                    .Select(r => r.UserId)
                    .ToListAsync(ct)
            );
        }
        var staff = new List<Guid>();
        if (n.ForStaff)
            staff.AddRange(
                await holders
                    .AtProject(n.CompanyId, n.ProjectId)
                    .Where(r => CareRoles.StaffReaders.Contains(r.Role))
                    .Select(r => r.UserId)
                    .Distinct()
                    .ToListAsync(ct)
            );
        var o = owners.Distinct().ToList();
        return (o, [.. staff.Distinct().Except(o)]);
    }

    /// <summary>Counts the notice's recipients; when it must be pushed and is up, queues the messages (in the caller's
    /// SaveChanges).</summary>
    public async Task<int> PrepareAsync(Notice n, CancellationToken ct)
    {
        var (owners, staff) = await ForAsync(n, ct);
        n.Recipients = owners.Count + staff.Count;
        var now = clock.GetUtcNow();
        if (!n.PushDue(now))
            return n.Recipients;
        var body = n.Body.Length > 300 ? n.Body[..300] + "…" : n.Body;
        var key = $"notice:{n.Id:N}";
        // Rendered in each reader's language; an emergency notice passes quiet hours and opt-outs.
        var kind = n.Kind == Contracts.NoticeKind.Emergency ? "emergency" : "notice";
        var args = new Dictionary<string, string> { ["title"] = n.Title, ["body"] = body };
        await notifier.SendAsync(owners, n.CompanyId, new Message(kind, args, $"/portal/notices/{n.Id}", key), ct);
        await notifier.SendAsync(staff, n.CompanyId, new Message(kind, args, $"/care/notices/{n.Id}", key), ct);
        n.PushedAt = now;
        return n.Recipients;
    }
}
