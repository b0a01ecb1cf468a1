using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RosterGaps;

/// <summary>
/// A hole in the coming roster: a post's staffed shift of a day with nobody fit on it — nobody rostered, or only people whose
/// required certificate has lapsed by that day, or who are on approved leave that day (the entry is named).
/// </summary>
internal sealed record RosterGapDto(
    Guid ProjectId,
    DateOnly Day,
    Guid PostId,
    string PostName,
    Guid ShiftId,
    string ShiftName,
    string Hours,
    GapReason Reason,
    Guid? EntryId,
    string? StaffName
);

internal sealed record StaffedShiftsInput(Guid[]? ShiftIds) : IValidatable
{
    public void Validate(Validator v)
    {
        if (ShiftIds is null)
            v.Add("shiftIds", "请填写需值守的班次（可为空列表）", "Staffed shifts are required (an empty list is allowed)");
    }
}

/// <summary>
/// 缺岗: finds the gaps of the coming days' roster, from the posts' staffed shifts (<see cref="RosterPost.StaffedShiftIds"/>), the
/// entries, approved leave and the certificates valid on each day; a keeper sets which shifts a post must be staffed on.
/// </summary>
internal sealed class RosterGapsHandler(WuyeDb db, TimeProvider clock, IOptions<StaffOptions> options)
{
    public static string ReasonName(GapReason r) =>
        r switch
        {
            GapReason.Empty => Loc.T("无人值守", "Nobody rostered"),
            GapReason.CertificateLapsed => Loc.T("证书已过期", "Certificate lapsed"),
            _ => Loc.T("已获准请假", "On approved leave"),
        };

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rosters").WithTags("Staff");
        g.MapGet("/gaps", async (RosterGapsHandler h, Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(projectId, from, to, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("The gaps of the kept projects' roster: ?projectId=&from=&to= (default: the coming Wuye:Staff:RosterGapDays)");
        g.MapPost(
                "/posts/{id:guid}/staffed-shifts",
                async Task<Ok<RosterPostDto>> (RosterGapsHandler h, Guid id, StaffedShiftsInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.SetStaffedShiftsAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Set the shifts a post must have someone on every day (an empty list: never a gap)");
    }

    public (DateOnly From, DateOnly To) Window()
    {
        var today = ChinaTime.Today(clock);
        return (today, today.AddDays(options.Value.RosterGapDays - 1));
    }

    public Task<List<RosterGapDto>> ListAsync(Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var (start, end) = Window();
        (start, end) = (from ?? start, to ?? (from is { } f ? f.AddDays(options.Value.RosterGapDays - 1) : end));
        if (end < start || end.DayNumber - start.DayNumber > 62)
            throw ValidationException.For("to", "查询范围为 1 至 63 天", "The range is 1 to 63 days");
        var projects = RosterViews.KeptProjects(db).Select(p => p.Id);
        if (projectId is { } p)
            projects = projects.Where(x => x == p);
        return FindAsync(db, projects, start, end, clock.GetUtcNow(), ct);
    }

    public async Task<RosterPostDto> SetStaffedShiftsAsync(Guid id, StaffedShiftsInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var post = await db.Set<RosterPost>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (post is null || !StaffRoles.Kept(db.Scope).Covers(post.CompanyId, post.ProjectId))
            throw new NotFoundException("roster-post");
        post.StaffedShiftIds = await CheckShiftsAsync(db, post.ProjectId, input.ShiftIds!, ct);
        await db.SaveChangesAsync(ct);
        return await RosterViews.Posts(db, db.Set<RosterPost>().AsNoTracking().Where(x => x.Id == post.Id)).FirstAsync(ct);
    }

    /// <summary>The shifts, each of the project (400 on <c>shiftIds</c> otherwise), without repeats.</summary>
    public static async Task<Guid[]> CheckShiftsAsync(
        WuyeDb db,
        Guid projectId,
        Guid[] shiftIds,
        CancellationToken ct,
        string field = "shiftIds"
    )
    {
        var ids = shiftIds.Distinct().ToArray();
        if (ids.Length > 20)
            throw ValidationException.For(field, "最多 20 个班次", "At most 20 shifts");
        var found = await db.Set<RosterShift>().CountAsync(s => ids.Contains(s.Id) && s.ProjectId == projectId, ct);
        if (found != ids.Length)
            throw ValidationException.For(field, "班次不存在或不属于本岗位的项目", "A shift is not of this post's project");
        return ids;
    }

    /// <summary>
    /// The gaps of <paramref name="projectIds"/> from <paramref name="from"/> to <paramref name="to"/> (a shift already over at
    /// <paramref name="now"/> is no longer one), by day, shift start and post. Read under the caller's scope (the job's is the
    /// system's).
    /// </summary>
    public static async Task<List<RosterGapDto>> FindAsync(
        WuyeDb db,
        IQueryable<Guid> projectIds,
        DateOnly from,
        DateOnly to,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var posts = await db.Set<RosterPost>()
            .AsNoTracking()
            .Where(p => projectIds.Contains(p.ProjectId) && p.StaffedShiftIds.Length > 0)
            .OrderBy(p => p.ProjectId)
            .ThenBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(1000)
            .ToListAsync(ct);
        if (posts.Count == 0)
            return [];
        var postIds = posts.Select(p => p.Id).ToArray();
        var shiftIds = posts.SelectMany(p => p.StaffedShiftIds).Distinct().ToArray();
        var shifts = await db.Set<RosterShift>().AsNoTracking().Where(s => shiftIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var entries = await db.Set<RosterEntry>()
            .AsNoTracking()
            .Where(e => postIds.Contains(e.PostId) && e.Day >= from && e.Day <= to)
            .OrderBy(e => e.StartsAt)
            .ThenBy(e => e.Id)
            .Take(20000)
            .ToListAsync(ct);
        var people = entries.Select(e => e.StaffMemberId).Distinct().ToArray();
        var leaves = await db.Set<LeaveRequest>()
            .AsNoTracking()
            .Where(l => people.Contains(l.StaffMemberId) && l.Status == RequestStatus.Approved && l.FromDay <= to && l.ToDay >= from)
            .Select(l => new
            {
                l.StaffMemberId,
                l.FromDay,
                l.ToDay,
            })
            .ToListAsync(ct);
        var certificates = await db.Set<Certificate>()
            .AsNoTracking()
            .Where(c => people.Contains(c.StaffMemberId))
            .Select(c => new
            {
                c.StaffMemberId,
                c.Kind,
                c.IssuedOn,
                c.ExpiresOn,
            })
            .ToListAsync(ct);
        GapReason? Unfit(RosterPost post, RosterEntry e)
        {
            if (leaves.Any(l => l.StaffMemberId == e.StaffMemberId && l.FromDay <= e.Day && l.ToDay >= e.Day))
                return GapReason.OnLeave;
            if (
                post.RequiredCertificate is { } kind
                && !certificates.Any(c =>
                    c.StaffMemberId == e.StaffMemberId && c.Kind == kind && c.IssuedOn <= e.Day && c.ExpiresOn >= e.Day
                )
            )
                return GapReason.CertificateLapsed;
            return null;
        }
        var gaps = new List<(DateTimeOffset Starts, RosterGapDto Gap)>();
        foreach (var post in posts)
        foreach (var shiftId in post.StaffedShiftIds)
        {
            if (!shifts.TryGetValue(shiftId, out var shift))
                continue;
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var (starts, ends) = shift.On(day);
                if (ends <= now)
                    continue;
                var on = entries.Where(e => e.PostId == post.Id && e.ShiftId == shiftId && e.Day == day).ToList();
                var unfit = on.Select(e => (Entry: e, Reason: Unfit(post, e))).ToList();
                if (unfit.Any(x => x.Reason is null))
                    continue;
                var first = unfit.FirstOrDefault();
                gaps.Add(
                    (
                        starts,
                        new RosterGapDto(
                            post.ProjectId,
                            day,
                            post.Id,
                            post.Name,
                            shift.Id,
                            shift.Name,
                            shift.Hours,
                            first.Reason ?? GapReason.Empty,
                            first.Entry?.Id,
                            first.Entry?.StaffName
                        )
                    )
                );
            }
        }
        return [.. gaps.OrderBy(g => g.Starts).ThenBy(g => g.Gap.PostName).ThenBy(g => g.Gap.PostId).Select(g => g.Gap)];
    }
}

/// <summary>The project manager's line while the coming days' roster of a project he manages has gaps.</summary>
internal sealed class RosterGapHomeTasks(WuyeDb db, RosterGapsHandler gaps, TimeProvider clock, IOptions<StaffOptions> options)
    : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct)
    {
        if (role != Roles.ProjectManager)
            return [];
        var (from, to) = gaps.Window();
        var projects = StaffTalks.StaffTalkViews.KeptProjects(db, role).Select(p => p.Id);
        var found = await RosterGapsHandler.FindAsync(db, projects, from, to, clock.GetUtcNow(), ct);
        var days = options.Value.RosterGapDays;
        return
        [
            new(
                Loc.T($"未来 {days} 天排班缺岗", $"Roster gaps in the next {days} days"),
                found.Count,
                RosterViews.Page,
                found.Any(g => g.Day == from)
            ),
        ];
    }
}
