using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.Posts;

/// <summary>
/// A guard of a shift line: from the rota (its assignment) or put there by the staff duty roster (<see cref="Rostered"/>).
/// </summary>
internal sealed record BoardPerson(Guid? AssignmentId, Guid StaffMemberId, Guid? UserId, string Name, bool OnNow, bool Rostered);

internal sealed record BoardShift(Guid GuardShiftId, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, List<BoardPerson> People);

/// <summary>A peak or double-post slot of the day: how many are needed, how many are on for all of it.</summary>
internal sealed record BoardSlot(string Slot, string Kind, int Needed, int Covered, bool Short);

internal sealed record BoardPost(
    Guid Id,
    Guid ProjectId,
    string Project,
    string Name,
    PostKind Kind,
    string KindName,
    List<string> PeakSlots,
    List<string> DoubleSlots,
    List<BoardShift> Shifts,
    List<BoardSlot> Slots,
    int Gaps,
    List<string> OnNow
);

internal sealed record PostBoardDto(DateOnly Day, List<BoardPost> Posts, int Gaps);

/// <summary>
/// The day's post board (岗位表), computed from the posts, the shifts and who guards them (<see cref="PostGuards"/>: the staff duty
/// roster where it has rostered a post's hours, the rota elsewhere): each post with each shift's people (a rostered guard in
/// every shift line their hours overlap), who is on now, and its gaps — a shift of a round-the-clock post (one without slots)
/// with nobody, a peak slot of a fixed post without a guard for all of it, a double-post slot with fewer than two.
/// </summary>
internal sealed class PostBoard(WuyeDb db, TimeProvider clock, PostGuards guards)
{
    public async Task<PostBoardDto> ForDayAsync(DateOnly day, Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var posts = await db.Set<SecurityPost>()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && (projectId == null || p.ProjectId == projectId))
            .OrderBy(p => p.ProjectId)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Name)
            .Take(300)
            .ToListAsync(ct);
        var projectIds = posts.Select(p => p.ProjectId).Distinct().ToList();
        var postIds = posts.Select(p => p.Id).ToList();
        var shifts = (
            await db.Set<GuardShift>().AsNoTracking().Where(s => projectIds.Contains(s.ProjectId)).OrderBy(s => s.Starts).ToListAsync(ct)
        ).ToLookup(s => s.ProjectId);
        var (windowFrom, windowTo) = (ChinaTime.StartOf(day.AddDays(-1)), ChinaTime.StartOf(day.AddDays(1)));
        var duties = new List<PostDuty>();
        foreach (var project in projectIds)
            duties.AddRange(await guards.DutiesAsync(project, windowFrom, windowTo, ct));
        var assignments = duties.Where(d => postIds.Contains(d.SecurityPostId)).ToLookup(d => d.SecurityPostId);
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var lines = new List<BoardPost>();
        foreach (var post in posts)
        {
            var mine = assignments[post.Id].OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            var peak = TimeSlot.ParseList(post.PeakSlots);
            var doubles = TimeSlot.ParseList(post.DoubleSlots);
            var shiftLines = shifts[post.ProjectId]
                .Select(s =>
                {
                    var (from, to) = s.On(day);
                    var people = mine.Where(a => a.Rostered ? a.StartsAt < to && from < a.EndsAt : a.Day == day && a.GuardShiftId == s.Id)
                        .Select(a => new BoardPerson(a.AssignmentId, a.StaffMemberId, a.UserId, a.Name, a.Covers(now), a.Rostered))
                        .ToList();
                    return new BoardShift(s.Id, s.Name, from, to, people);
                })
                .ToList();
            int Covering(TimeSlot slot)
            {
                var (from, to) = slot.On(day);
                return mine.Count(a => a.StartsAt <= from && a.EndsAt >= to);
            }
            var slots = peak.Select(s => (Slot: s, Kind: "peak", Needed: doubles.Any(d => d.From < s.To && s.From < d.To) ? 2 : 1))
                .Concat(doubles.Select(s => (Slot: s, Kind: "double", Needed: 2)))
                .OrderBy(s => s.Slot.From)
                .Select(s =>
                {
                    var covered = Covering(s.Slot);
                    return new BoardSlot(s.Slot.ToString(), s.Kind, s.Needed, covered, covered < s.Needed);
                })
                .ToList();
            var gaps = slots.Count(s => s.Short) + (peak.Count + doubles.Count == 0 ? shiftLines.Count(s => s.People.Count == 0) : 0);
            lines.Add(
                new(
                    post.Id,
                    post.ProjectId,
                    names.GetValueOrDefault(post.ProjectId) ?? "",
                    post.Name,
                    post.Kind,
                    KindName(post.Kind),
                    [.. peak.Select(s => s.ToString())],
                    [.. doubles.Select(s => s.ToString())],
                    shiftLines,
                    slots,
                    gaps,
                    [.. mine.Where(a => a.Covers(now)).Select(a => a.Name).Distinct()]
                )
            );
        }
        return new(day, lines, lines.Sum(l => l.Gaps));
    }

    public static string KindName(PostKind k) =>
        k switch
        {
            PostKind.Gate => Loc.T("门岗", "Gate"),
            PostKind.CarPark => Loc.T("车场岗", "Car park"),
            PostKind.Patrol => Loc.T("巡逻岗", "Patrol"),
            PostKind.Lobby => Loc.T("大堂岗", "Lobby"),
            _ => Loc.T("监控岗", "Monitoring"),
        };
}
