using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.Posts;

internal sealed record PostInput(Guid? ProjectId, string? Name, PostKind? Kind, List<string>? PeakSlots, List<string>? DoubleSlots)
    : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "岗位名称", "Post name")
            .MaxLength("name", Name, 100, "岗位名称", "Post name")
            .Required("kind", Kind, "岗位类型", "Kind");
        Slots(v, "peakSlots", PeakSlots);
        Slots(v, "doubleSlots", DoubleSlots);
    }

    private static void Slots(Validator v, string field, List<string>? slots)
    {
        if (slots is { Count: > 12 })
            v.Add(field, "时段最多 12 个", "At most 12 slots");
        for (var i = 0; i < (slots?.Count ?? 0); i++)
            if (!TimeSlot.TryParse(slots![i], out _))
                v.Add($"{field}[{i}]", "时段格式应为 HH:mm-HH:mm，如 06:00-07:30", "Use HH:mm-HH:mm, e.g. 06:00-07:30");
    }

    public static List<TimeSlot> Parse(List<string>? slots) =>
        [.. (slots ?? []).Select(s => TimeSlot.TryParse(s, out var t) ? t : default).OrderBy(s => s.From)];
}

internal sealed record ShiftInput(Guid? ProjectId, string? Name, string? Starts, string? Ends) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "班次名称", "Shift name")
            .MaxLength("name", Name, 50, "班次名称", "Shift name");
        foreach (var (field, value) in new[] { ("starts", Starts), ("ends", Ends) })
            if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                v.Add(field, "时间格式应为 HH:mm，如 19:00", "Use HH:mm, e.g. 19:00");
    }
}

internal sealed record AssignmentInput(Guid? GuardShiftId, DateOnly? Day, Guid? StaffMemberId) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("guardShiftId", GuardShiftId, "班次", "Shift")
            .Required("day", Day, "日期", "Day")
            .Required("staffMemberId", StaffMemberId, "员工", "Staff member");
}

internal sealed record PostDto(Guid Id, Guid ProjectId, string Name, PostKind Kind, List<string> PeakSlots, List<string> DoubleSlots);

internal sealed record ShiftDto(Guid Id, Guid ProjectId, string Name, string Starts, string Ends);

/// <summary>Posts, shifts and who is put on them; the day's post board.</summary>
internal static class PostsEndpoints
{
    public static PostDto Dto(SecurityPost p) =>
        new(
            p.Id,
            p.ProjectId,
            p.Name,
            p.Kind,
            [.. TimeSlot.ParseList(p.PeakSlots).Select(s => s.ToString())],
            [.. TimeSlot.ParseList(p.DoubleSlots).Select(s => s.ToString())]
        );

    private static ShiftDto Dto(GuardShift s) => new(s.Id, s.ProjectId, s.Name, s.Starts.ToString("HH:mm"), s.Ends.ToString("HH:mm"));

    private static async Task<ProjectRef> ProjectAsync(WuyeDb db, Guid? id, CancellationToken ct) =>
        await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.ArchivedAt == null, ct)
        ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/posts").WithTags("Security");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var posts = await db.Set<SecurityPost>()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null && (projectId == null || p.ProjectId == projectId))
                    .OrderBy(p => p.ProjectId)
                    .ThenBy(p => p.Kind)
                    .ThenBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(new Paged<PostDto>([.. posts.Items.Select(Dto)], posts.Page, posts.PageSize, posts.Total));
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The posts of the projects in scope");
        g.MapPost("/", async Task<Created<PostDto>> (WuyeDb db, PostInput body, CancellationToken ct) =>
            {
                var project = await ProjectAsync(db, body.ProjectId, ct);
                var name = body.Name!.Trim();
                if (await db.Set<SecurityPost>().AnyAsync(p => p.ProjectId == project.Id && p.Name == name, ct))
                    throw new RuleException("post.duplicate_name", $"该项目已有岗位“{name}”", $"The project already has a post \"{name}\"");
                var post = SecurityPost.Create(
                    project.CompanyId,
                    project.Id,
                    name,
                    body.Kind!.Value,
                    PostInput.Parse(body.PeakSlots),
                    PostInput.Parse(body.DoubleSlots)
                );
                db.Add(post);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/posts/{post.Id}", Dto(post));
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Add a post (gate, car park, patrol, lobby, monitoring) with its peak and double-post slots");
        g.MapGet("/board", async (PostBoard board, TimeProvider clock, Guid? projectId, DateOnly? date, CancellationToken ct) =>
                TypedResults.Ok(await board.ForDayAsync(date ?? ChinaTime.Today(clock), projectId, ct))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The day's post board: who is on each post and shift, who is on now, gaps in peak and double-post slots");
        g.MapGet("/shifts", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(
                    (
                        await db.Set<GuardShift>()
                            .AsNoTracking()
                            .Where(s => projectId == null || s.ProjectId == projectId)
                            .OrderBy(s => s.ProjectId)
                            .ThenBy(s => s.Starts)
                            .Take(200)
                            .ToListAsync(ct)
                    )
                        .Select(Dto)
                        .ToList()
                )
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The shifts of the projects in scope");
        g.MapPost("/shifts", async Task<Created<ShiftDto>> (WuyeDb db, ShiftInput body, CancellationToken ct) =>
            {
                var project = await ProjectAsync(db, body.ProjectId, ct);
                var shift = GuardShift.Create(
                    project.CompanyId,
                    project.Id,
                    body.Name!,
                    TimeOnly.ParseExact(body.Starts!, "HH:mm", CultureInfo.InvariantCulture),
                    TimeOnly.ParseExact(body.Ends!, "HH:mm", CultureInfo.InvariantCulture)
                );
                if (await db.Set<GuardShift>().AnyAsync(s => s.ProjectId == project.Id && s.Name == shift.Name, ct))
                    throw new RuleException(
                        "shift.duplicate_name",
                        $"该项目已有班次“{shift.Name}”",
                        $"The project already has a shift \"{shift.Name}\""
                    );
                db.Add(shift);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/posts/shifts/{shift.Id}", Dto(shift));
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Add a shift to a project (a shift ending at or before its start ends the next day)");
        g.MapPost(
                "/{id:guid}/assignments",
                async Task<Created<BoardPerson>> (WuyeDb db, TimeProvider clock, Guid id, AssignmentInput body, CancellationToken ct) =>
                {
                    var a = await AssignAsync(db, id, body, ct);
                    await db.SaveChangesAsync(ct);
                    var now = clock.GetUtcNow();
                    return TypedResults.Created(
                        $"/api/v1/posts/{id}/assignments/{a.Id}",
                        new BoardPerson(a.Id, a.StaffMemberId, a.UserId, a.Name, a.StartsAt <= now && now < a.EndsAt, false)
                    );
                }
            )
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Put a person of the project's staff register on the post for a shift of a day");
        g.MapDelete(
                "/{id:guid}/assignments/{assignmentId:guid}",
                async Task<NoContent> (WuyeDb db, Guid id, Guid assignmentId, CancellationToken ct) =>
                {
                    var a = await db.Set<PostAssignment>().FirstOrDefaultAsync(x => x.Id == assignmentId && x.SecurityPostId == id, ct)
                        ?? throw new NotFoundException("post assignment");
                    db.Remove(a);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Take a person off a post's shift");
    }

    /// <summary>Adds the assignment to the unit of work (the caller saves).</summary>
    public static async Task<PostAssignment> AssignAsync(WuyeDb db, Guid postId, AssignmentInput body, CancellationToken ct)
    {
        var post = await db.Set<SecurityPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == postId, ct)
            ?? throw new NotFoundException("post");
        var shift = await db.Set<GuardShift>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == body.GuardShiftId, ct)
            ?? throw ValidationException.For("guardShiftId", "班次不存在", "Shift not found");
        var staff = await db.StaffRefs().AsNoTracking().FirstOrDefaultAsync(s => s.Id == body.StaffMemberId && s.ArchivedAt == null, ct)
            ?? throw ValidationException.For("staffMemberId", "员工不存在", "Staff member not found");
        var (windowFrom, windowTo) = shift.On(body.Day!.Value);
        (windowFrom, windowTo) = (windowFrom.ToUniversalTime(), windowTo.ToUniversalTime());
        var overlapping = await (
            from a in db.Set<PostAssignment>()
            join p in db.Set<SecurityPost>() on a.SecurityPostId equals p.Id
            where a.StaffMemberId == staff.Id && a.StartsAt < windowTo && windowFrom < a.EndsAt
            select p.Name
        ).FirstOrDefaultAsync(ct);
        var assignment = PostAssignment.For(post, shift, body.Day!.Value, staff.Id, staff.ProjectId, staff.UserId, staff.Name, overlapping);
        db.Add(assignment);
        return assignment;
    }
}
