using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.Shared;

/// <summary>A guard on a post at a moment; <see cref="Rostered"/> when the staff duty roster put them there (not the rota).</summary>
internal sealed record PostGuard(Guid SecurityPostId, Guid? UserId, string Name, bool Rostered);

/// <summary>
/// A span of hours a guard has on a post: from the staff duty roster (<see cref="Rostered"/>), or from this module's rota (a post
/// assignment: <see cref="AssignmentId"/>, its guard shift and day).
/// </summary>
internal sealed record PostDuty(
    Guid SecurityPostId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Guid StaffMemberId,
    Guid? UserId,
    string Name,
    bool Rostered,
    Guid? AssignmentId,
    Guid? GuardShiftId,
    DateOnly? Day
)
{
    public bool Covers(DateTimeOffset at) => StartsAt <= at && at < EndsAt;
}

/// <summary>
/// Who guards each post of a project, for everything in this module that asks (the roll-call, the patrol rounds, the post
/// board, the safety tips, the hidden tokens). The staff duty roster (排班, through its roster posts that staff a security post)
/// wins for a post on the hours it has rostered: a rota assignment (this module's own post assignments) of the post keeps only
/// its hours no roster entry of the post covers; a post and hours the roster has not rostered keep their rota, as before. Read
/// past the caller's scope, keyed by the project (the jobs run for every project; the callers have checked the reader's right).
/// </summary>
internal sealed class PostGuards(WuyeDb db, IDutyRoster roster)
{
    /// <summary>
    /// The duties of the project's posts overlapping [<paramref name="from"/>, <paramref name="to"/>): the roster's, and the rota's
    /// hours the roster has not taken (a rota assignment may so come in pieces); those with an account first, then by name.
    /// </summary>
    public async Task<List<PostDuty>> DutiesAsync(Guid projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (f, t) = (from.ToUniversalTime(), to.ToUniversalTime());
        var firstDay = DateOnly.FromDateTime(ChinaTime.ToChina(f).DateTime).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(ChinaTime.ToChina(t).DateTime);
        // One day around the window either side: every roster entry that may take hours of a rota assignment overlapping it.
        var rostered = await roster.SecurityPostDutiesAsync(projectId, firstDay.AddDays(-1), lastDay.AddDays(1), ct);
        var rota = await db.Set<PostAssignment>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.Day >= firstDay && a.Day <= lastDay && a.StartsAt < t && a.EndsAt > f)
            .ToListAsync(ct);
        bool Within(DateTimeOffset s, DateTimeOffset e) => s < t && e > f;
        return
        [
            .. rostered
                .Where(r => Within(r.From, r.To))
                .Select(r => new PostDuty(r.SecurityPostId, r.From, r.To, r.StaffMemberId, r.UserId, r.Name, true, null, null, r.Day))
                .Concat(
                    rota.SelectMany(a =>
                        Uncovered(
                                a.StartsAt,
                                a.EndsAt,
                                [.. rostered.Where(r => r.SecurityPostId == a.SecurityPostId).Select(r => (r.From, r.To))]
                            )
                            .Where(h => Within(h.From, h.To))
                            .Select(h => new PostDuty(
                                a.SecurityPostId,
                                h.From,
                                h.To,
                                a.StaffMemberId,
                                a.UserId,
                                a.Name,
                                false,
                                a.Id,
                                a.GuardShiftId,
                                a.Day
                            ))
                    )
                )
                .OrderBy(d => d.UserId == null)
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .ThenBy(d => d.StartsAt),
        ];
    }

    /// <summary>
    /// The hours of [<paramref name="from"/>, <paramref name="to"/>) that none of <paramref name="taken"/> covers, in order.
    /// </summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Uncovered(
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> taken
    )
    {
        var left = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var at = from;
        foreach (var (f, t) in taken.Where(x => x.From < to && from < x.To).OrderBy(x => x.From))
        {
            if (f > at)
                left.Add((at, f));
            if (t > at)
                at = t;
        }
        if (at < to)
            left.Add((at, to));
        return left;
    }

    /// <summary>The guards on the project's posts at <paramref name="at"/>, per post: those with an account first, then by name.</summary>
    public async Task<ILookup<Guid, PostGuard>> AtAsync(Guid projectId, DateTimeOffset at, CancellationToken ct)
    {
        var t = at.ToUniversalTime();
        return (await DutiesAsync(projectId, t, t.AddTicks(1), ct))
            .Where(d => d.Covers(t))
            .Select(d => new PostGuard(d.SecurityPostId, d.UserId, d.Name, d.Rostered))
            .ToLookup(g => g.SecurityPostId);
    }
}
