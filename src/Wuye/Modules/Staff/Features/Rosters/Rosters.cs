using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.Rosters;

internal sealed record ShiftInput(Guid? ProjectId, string? Name, ShiftKind? Kind, string? Starts, string? Ends) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "班次名称", "Shift name")
            .MaxLength("name", Name, 30, "班次名称", "Shift name")
            .Required("kind", Kind, "班次类型", "Kind");
        foreach (var (field, value) in new[] { ("starts", Starts), ("ends", Ends) })
            if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                v.Add(field, "时间格式应为 HH:mm，如 19:00", "Use HH:mm, e.g. 19:00");
    }
}

internal sealed record PostInput(
    Guid? ProjectId,
    string? Name,
    Guid? TeamId,
    Guid? SecurityPostId,
    CertificateKind? RequiredCertificate,
    Guid[]? StaffedShiftIds = null
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "岗位名称", "Post name")
            .MaxLength("name", Name, 50, "岗位名称", "Post name");
}

internal sealed record EntryInput(Guid? PostId, Guid? ShiftId, DateOnly? Day, Guid? StaffMemberId) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("postId", PostId, "岗位", "Post")
            .Required("shiftId", ShiftId, "班次", "Shift")
            .Required("day", Day, "日期", "Day")
            .Required("staffMemberId", StaffMemberId, "员工", "Staff member");
}

/// <summary>
/// 排班 (/rosters): a keeper defines a project's shifts and posts and puts the project's staff on them day by day (a post that
/// requires a certificate takes only people holding a valid one); everyone on the roster reads it; who is on duty now.
/// </summary>
internal sealed class RostersHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public static readonly string[] Readers = [.. StaffRoles.Keepers, .. StaffRoles.Rostered];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/rosters").WithTags("Staff");
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? from, DateOnly? to, CancellationToken ct) =>
            {
                var start = from ?? RosterViews.WeekOf(ChinaTime.Today(clock));
                var end = to ?? start.AddDays(6);
                if (end < start || end.DayNumber - start.DayNumber > 62)
                    throw ValidationException.For("to", "查询范围为 1 至 63 天", "The range is 1 to 63 days");
                var q = db.Set<RosterEntry>().AsNoTracking().Where(e => e.Day >= start && e.Day <= end);
                if (projectId is { } p)
                    q = q.Where(e => e.ProjectId == p);
                var rows = await RosterViews
                    .Entries(db, q)
                    .OrderBy(e => e.StartsAt)
                    .ThenBy(e => e.PostName)
                    .ThenBy(e => e.Id)
                    .Take(2000)
                    .ToListAsync(ct);
                return TypedResults.Ok(RosterViews.WithHours(rows));
            })
            .RequireRoles(Readers)
            .WithSummary("The duty roster, by start: ?projectId=&from=2026-11-30&to=2026-12-06 (default: this week)");
        g.MapGet("/mine", async (WuyeDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var me = db.Scope.UserId;
                var now = clock.GetUtcNow();
                var rows = await RosterViews
                    .Entries(db, db.Set<RosterEntry>().AsNoTracking().Where(e => e.UserId == me && e.EndsAt > now))
                    .OrderBy(e => e.StartsAt)
                    .ThenBy(e => e.Id)
                    .Take(50)
                    .ToListAsync(ct);
                return TypedResults.Ok(RosterViews.WithHours(rows));
            })
            .RequireRoles(Readers)
            .WithSummary("The reader's own coming shifts");
        g.MapGet(
                "/on-duty",
                async Task<Results<Ok<IReadOnlyList<OnDutyRef>>, NotFound>> (
                    WuyeDb db,
                    IDutyRoster roster,
                    TimeProvider clock,
                    Guid projectId,
                    DateTimeOffset? at,
                    CancellationToken ct
                ) =>
                    // The roster is read with the filters off: only for staff of the project (its owners see the project too).
                    await db.ProjectRefs().Where(p => p.Id == projectId).Select(p => (Guid?)p.CompanyId).FirstOrDefaultAsync(ct)
                        is { } company
                    && db.Scope.WorksAt(company, projectId)
                        ? TypedResults.Ok(await roster.OnDutyAsync(projectId, at ?? clock.GetUtcNow(), ct))
                        : TypedResults.NotFound()
            )
            .RequireRoles(Readers)
            .WithSummary("Who is on duty on a project now (or ?at=)");
        g.MapGet("/shifts", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var q = db.Set<RosterShift>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(s => s.ProjectId == p);
                var rows = await q.OrderBy(s => s.ProjectId).ThenBy(s => s.Starts).ThenBy(s => s.Id).Take(500).ToListAsync(ct);
                return TypedResults.Ok(rows.Select(RosterViews.ToDto).ToList());
            })
            .RequireRoles(Readers)
            .WithSummary("The shifts of the projects in scope");
        g.MapPost("/shifts", async Task<Created<RosterShiftDto>> (RostersHandler h, ShiftInput body, CancellationToken ct) =>
                TypedResults.Created("/api/v1/rosters/shifts", await h.AddShiftAsync(body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Add a shift (day, night or flexible) to a project; one ending at or before its start ends the next day");
        g.MapGet("/posts", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            {
                var q = db.Set<RosterPost>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(s => s.ProjectId == p);
                return TypedResults.Ok(
                    await RosterViews.Posts(db, q.OrderBy(s => s.ProjectId).ThenBy(s => s.Name).ThenBy(s => s.Id).Take(500)).ToListAsync(ct)
                );
            })
            .RequireRoles(Readers)
            .WithSummary("The roster posts of the projects in scope, with the certificate each requires");
        g.MapPost("/posts", async Task<Created<RosterPostDto>> (RostersHandler h, PostInput body, CancellationToken ct) =>
                TypedResults.Created("/api/v1/rosters/posts", await h.AddPostAsync(body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Add a post to a project: its team, the security post it staffs, the certificate it requires");
        g.MapPost("/", async Task<Created<RosterEntryDto>> (RostersHandler h, EntryInput body, CancellationToken ct) =>
            {
                var dto = await h.AddEntryAsync(body, ct);
                return TypedResults.Created($"/api/v1/rosters/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Put a member of the project's staff register on a post for a shift of a day");
        g.MapDelete("/{id:guid}", async Task<NoContent> (RostersHandler h, Guid id, CancellationToken ct) =>
            {
                await h.RemoveEntryAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Take a person off a shift not yet started");
    }

    private async Task<ProjectRef> KeptProjectAsync(Guid? id, CancellationToken ct)
    {
        var p = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct);
        if (p is null || !StaffRoles.Kept(db.Scope).Covers(p.CompanyId, p.Id))
            throw ValidationException.For("projectId", "项目不存在或不由您管理", "Project not found among those you keep");
        return p;
    }

    public async Task<RosterShiftDto> AddShiftAsync(ShiftInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var p = await KeptProjectAsync(input.ProjectId, ct);
        var shift = RosterShift.Create(
            p.CompanyId,
            p.Id,
            input.Name!,
            input.Kind!.Value,
            TimeOnly.ParseExact(input.Starts!, "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(input.Ends!, "HH:mm", CultureInfo.InvariantCulture)
        );
        db.Add(shift);
        await db.SaveChangesAsync(ct);
        return RosterViews.ToDto(shift);
    }

    public async Task<RosterPostDto> AddPostAsync(PostInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var p = await KeptProjectAsync(input.ProjectId, ct);
        if (input.TeamId is { } t && !await db.TeamRefs().AnyAsync(x => x.Id == t && x.ProjectId == p.Id && x.ArchivedAt == null, ct))
            throw ValidationException.For("teamId", "该班组不属于本项目", "The team is not of this project");
        if (
            input.SecurityPostId is { } s
            && !await db.SecurityPostRefs().AnyAsync(x => x.Id == s && x.ProjectId == p.Id && x.ArchivedAt == null, ct)
        )
            throw ValidationException.For("securityPostId", "该秩序岗位不属于本项目", "The security post is not of this project");
        var post = new RosterPost
        {
            CompanyId = p.CompanyId,
            ProjectId = p.Id,
            TeamId = input.TeamId,
            SecurityPostId = input.SecurityPostId,
            Name = input.Name!.Trim(),
            RequiredCertificate = input.RequiredCertificate,
            StaffedShiftIds = await RosterGaps.RosterGapsHandler.CheckShiftsAsync(
                db,
                p.Id,
                input.StaffedShiftIds ?? [],
                ct,
                "staffedShiftIds"
            ),
        };
        db.Add(post);
        await db.SaveChangesAsync(ct);
        return await RosterViews.Posts(db, db.Set<RosterPost>().AsNoTracking().Where(x => x.Id == post.Id)).FirstAsync(ct);
    }

    public async Task<RosterEntryDto> AddEntryAsync(EntryInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var post = await db.Set<RosterPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PostId, ct);
        if (post is null || !StaffRoles.Kept(db.Scope).Covers(post.CompanyId, post.ProjectId))
            throw ValidationException.For("postId", "岗位不存在或不由您管理", "Post not found among those you keep");
        var shift = await db.Set<RosterShift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == input.ShiftId, ct)
            ?? throw ValidationException.For("shiftId", "班次不存在", "Shift not found");
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.Id == input.StaffMemberId && s.ArchivedAt == null && s.CompanyId == post.CompanyId)
            .Select(s => new
            {
                s.Id,
                s.ProjectId,
                s.UserId,
                s.Name,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("staffMemberId", "员工不存在", "Staff member not found");
        var day = input.Day!.Value;
        var (from, to) = shift.On(day);
        var fit = await RosterFitness.OfAsync(db, post, staff.Id, day, from, to, [], ct);
        var entry = RosterEntry.For(post, shift, day, staff.Id, staff.ProjectId, staff.UserId, staff.Name, fit, ChinaTime.Today(clock));
        db.Add(entry);
        if (entry.UserId is { } user)
            await notifier.NotifyAsync(
                [user],
                entry.CompanyId,
                Loc.T("新的排班", "New shift"),
                Loc.T(
                    $"{day:MM-dd} {shift.Name} {shift.Hours}，岗位：{post.Name}",
                    $"{day:MM-dd} {shift.Name} {shift.Hours}, post: {post.Name}"
                ),
                RosterViews.Page,
                $"roster:{entry.Id}",
                ct
            );
        await db.SaveChangesAsync(ct);
        var dto = await RosterViews.Entries(db, db.Set<RosterEntry>().AsNoTracking().Where(e => e.Id == entry.Id)).FirstAsync(ct);
        return RosterViews.WithHours([dto])[0];
    }

    public async Task RemoveEntryAsync(Guid id, CancellationToken ct)
    {
        var entry = await db.Set<RosterEntry>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null || !StaffRoles.Kept(db.Scope).Covers(entry.CompanyId, entry.ProjectId))
            throw new NotFoundException("roster-entry");
        if (entry.StartsAt <= clock.GetUtcNow())
            throw new RuleException("roster.started", "该班次已开始，不能撤下", "The shift has started");
        db.Remove(entry);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>What the roster's rules need to know of a person for a day: certificate, approved leave, other shifts at the time.</summary>
internal static class RosterFitness
{
    public static async Task<RosterEntry.Fitness> OfAsync(
        WuyeDb db,
        RosterPost post,
        Guid staffId,
        DateOnly day,
        DateTimeOffset from,
        DateTimeOffset to,
        Guid[] ignoring,
        CancellationToken ct
    )
    {
        var company = post.CompanyId;
        var certified =
            post.RequiredCertificate is not { } kind
            || await db.Set<Certificate>()
                .IgnoreQueryFilters()
                .AnyAsync(
                    c => c.CompanyId == company && c.StaffMemberId == staffId && c.Kind == kind && c.IssuedOn <= day && c.ExpiresOn >= day,
                    ct
                );
        var onLeave = await db.Set<LeaveRequest>()
            .IgnoreQueryFilters()
            .AnyAsync(
                l =>
                    l.CompanyId == company
                    && l.StaffMemberId == staffId
                    && l.Status == RequestStatus.Approved
                    && l.FromDay <= day
                    && l.ToDay >= day,
                ct
            );
        var (f, t) = (from.ToUniversalTime(), to.ToUniversalTime());
        var posts = db.Set<RosterPost>().IgnoreQueryFilters();
        var overlapping = await db.Set<RosterEntry>()
            .IgnoreQueryFilters()
            .Where(e => e.CompanyId == company && e.StaffMemberId == staffId && e.StartsAt < t && e.EndsAt > f && !ignoring.Contains(e.Id))
            .Join(posts, e => e.PostId, p => p.Id, (e, p) => p.Name)
            .FirstOrDefaultAsync(ct);
        return new(certified, onLeave, overlapping);
    }
}
