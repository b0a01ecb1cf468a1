using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.Shared;

/// <summary>A guard on a post at a moment; <see cref="Rostered"/> when the staff duty roster put them there (not the rota).</summary>
internal sealed record PostGuard(Guid SecurityPostId, Guid? UserId, string Name, bool Rostered);

/// <summary>
/// Who guards each post of a project at a moment, for the roll-call and the patrol rounds. The staff duty roster (排班, through
/// its roster posts that staff a security post) wins for a post on the hours it has rostered that day: a rota assignment (this
/// module's own post assignments) of the post whose hours a roster entry overlaps is set aside; a post and day the roster has
/// not rostered keeps its rota, as before. Read past the caller's scope, keyed by the project (the jobs run for every project).
/// </summary>
internal sealed class PostGuards(WuyeDb db, IDutyRoster roster)
{
    /// <summary>The guards on the project's posts at <paramref name="at"/>, per post: those with an account first, then by name.</summary>
    public async Task<ILookup<Guid, PostGuard>> AtAsync(Guid projectId, DateTimeOffset at, CancellationToken ct)
    {
        var t = at.ToUniversalTime();
        var day = DateOnly.FromDateTime(ChinaTime.ToChina(t).DateTime);
        var rostered = await roster.SecurityPostDutiesAsync(projectId, day.AddDays(-1), day, ct);
        var rota = await db.Set<PostAssignment>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(a => a.ProjectId == projectId && a.StartsAt <= t && a.EndsAt > t)
            .Select(a => new
            {
                a.SecurityPostId,
                a.StartsAt,
                a.EndsAt,
                a.UserId,
                a.Name,
            })
            .ToListAsync(ct);
        return rostered
            .Where(r => r.From <= t && t < r.To)
            .Select(r => new PostGuard(r.SecurityPostId, r.UserId, r.Name, true))
            .Concat(
                rota.Where(a => !rostered.Any(r => r.SecurityPostId == a.SecurityPostId && r.From < a.EndsAt && a.StartsAt < r.To))
                    .Select(a => new PostGuard(a.SecurityPostId, a.UserId, a.Name, false))
            )
            .OrderBy(g => g.UserId == null)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToLookup(g => g.SecurityPostId);
    }
}
