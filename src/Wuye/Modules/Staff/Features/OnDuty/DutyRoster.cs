using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Features.OnDuty;

/// <summary>Who is on duty on a project at a moment, from the roster entries whose window covers it.</summary>
internal sealed class DutyRoster(WuyeDb db) : IDutyRoster
{
    public async Task<IReadOnlyList<OnDutyRef>> OnDutyAsync(Guid projectId, DateTimeOffset at, CancellationToken ct)
    {
        var t = at.ToUniversalTime();
        var posts = db.Set<RosterPost>().IgnoreQueryFilters();
        var shifts = db.Set<RosterShift>().IgnoreQueryFilters();
        var rows = await db.Set<RosterEntry>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.StartsAt <= t && e.EndsAt > t)
            .Join(posts, e => e.PostId, p => p.Id, (e, p) => new { e, Post = p.Name })
            .Join(
                shifts,
                x => x.e.ShiftId,
                s => s.Id,
                (x, s) =>
                    new
                    {
                        x.e,
                        x.Post,
                        Shift = s.Name,
                    }
            )
            .OrderBy(x => x.e.StaffName)
            .ThenBy(x => x.e.Id)
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(x => new OnDutyRef(x.e.StaffMemberId, x.e.UserId, x.e.StaffName, x.Post, x.Shift, x.e.StartsAt, x.e.EndsAt)),
        ];
    }

    public async Task<IReadOnlyList<SecurityPostDutyRef>> SecurityPostDutiesAsync(
        Guid projectId,
        DateOnly fromDay,
        DateOnly toDay,
        CancellationToken ct
    )
    {
        var posts = db.Set<RosterPost>().IgnoreQueryFilters().Where(p => p.ProjectId == projectId && p.SecurityPostId != null);
        var rows = await db.Set<RosterEntry>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Day >= fromDay && e.Day <= toDay)
            .Join(posts, e => e.PostId, p => p.Id, (e, p) => new { e, SecurityPostId = p.SecurityPostId!.Value })
            .OrderBy(x => x.e.StartsAt)
            .ThenBy(x => x.e.StaffName)
            .ThenBy(x => x.e.Id)
            .Take(1000)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(x => new SecurityPostDutyRef(
                x.SecurityPostId,
                x.e.Day,
                x.e.StaffMemberId,
                x.e.UserId,
                x.e.StaffName,
                x.e.StartsAt,
                x.e.EndsAt
            )),
        ];
    }
}
