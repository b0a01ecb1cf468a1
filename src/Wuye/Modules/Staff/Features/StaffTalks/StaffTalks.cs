using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffTalks;

internal sealed record StaffTalkInput(Guid? StaffMemberId, DateOnly? HeldOn, string? Topic, string? Notes, string? Issue) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("staffMemberId", StaffMemberId, "座谈对象", "Staff member")
            .Required("heldOn", HeldOn, "座谈日期", "Date")
            .Required("topic", Topic, "座谈主题", "Topic")
            .MaxLength("topic", Topic, 100, "座谈主题", "Topic")
            .MaxLength("notes", Notes, 1000, "座谈内容", "Notes")
            .MaxLength("issue", Issue, 300, "反映的问题", "Issue raised");
}

internal sealed record FollowUpInput(string? FollowUp) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("followUp", FollowUp, "跟进情况", "Follow-up").MaxLength("followUp", FollowUp, 300, "跟进情况", "Follow-up");
}

/// <summary>
/// 员工座谈档案 (/staff-talks): a manager records a talk with a member of the staff register of a project he keeps, follows up
/// the issue raised, and reads the talks and each project's progress against the quota.
/// </summary>
internal sealed class StaffTalksHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/staff-talks").WithTags("Staff");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Guid? projectId,
                    Guid? staffMemberId,
                    string? month,
                    bool? open,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = StaffTalkViews.Visible(db);
                    if (projectId is { } p)
                        q = q.Where(t => t.ProjectId == p);
                    if (staffMemberId is { } s)
                        q = q.Where(t => t.StaffMemberId == s);
                    if (month is not null)
                    {
                        var from = StaffTalkViews.MonthOrThis(month, ChinaTime.Today(clock));
                        var to = from.AddMonths(1);
                        q = q.Where(t => t.HeldOn >= from && t.HeldOn < to);
                    }
                    if (open == true)
                        q = q.Where(t => t.Issue != null && t.FollowedUpOn == null);
                    var paged = await q.OrderByDescending(t => t.HeldOn).ThenByDescending(t => t.Id).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<StaffTalkDto>(
                            await StaffTalkViews.ToDtosAsync(db, paged.Items, ct),
                            paged.Page,
                            paged.PageSize,
                            paged.Total
                        )
                    );
                }
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Talks with staff (员工座谈档案), newest first: ?projectId=&staffMemberId=&month=2026-11&open=true");
        g.MapGet("/{id:guid}", async Task<Results<Ok<StaffTalkDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await StaffTalkViews.Visible(db).FirstOrDefaultAsync(t => t.Id == id, ct) is { } t
                    ? TypedResults.Ok((await StaffTalkViews.ToDtosAsync(db, [t], ct))[0])
                    : TypedResults.NotFound()
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("One talk with its issue and follow-up");
        g.MapGet(
                "/progress",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    IOptions<StaffOptions> options,
                    Guid? projectId,
                    string? month,
                    CancellationToken ct
                ) =>
                {
                    var from = StaffTalkViews.MonthOrThis(month, ChinaTime.Today(clock));
                    var projects = StaffTalkViews.KeptProjects(db);
                    if (projectId is { } p)
                        projects = projects.Where(x => x.Id == p);
                    return TypedResults.Ok(await StaffTalkViews.ProgressAsync(db, projects, from, options.Value.TalksPerMonth, ct));
                }
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Each kept project's talks against the quota: the month's talks, the quarter's staff talked with, open issues");
        g.MapPost("/", async Task<Created<StaffTalkDto>> (StaffTalksHandler handler, StaffTalkInput body, CancellationToken ct) =>
            {
                var dto = await handler.RecordAsync(body, ct);
                return TypedResults.Created($"/api/v1/staff-talks/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Record a talk with a member of a project's staff register (the reader held it)");
        g.MapPost(
                "/{id:guid}/follow-up",
                async Task<Ok<StaffTalkDto>> (StaffTalksHandler handler, Guid id, FollowUpInput body, CancellationToken ct) =>
                    TypedResults.Ok(await handler.FollowUpAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Record the follow-up of the issue raised in a talk, which closes it");
    }

    public async Task<StaffTalkDto> RecordAsync(StaffTalkInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.Id == input.StaffMemberId && s.ArchivedAt == null && s.ProjectId != null)
            .Select(s => new
            {
                s.Id,
                s.CompanyId,
                ProjectId = s.ProjectId!.Value,
                s.Name,
            })
            .FirstOrDefaultAsync(ct);
        if (staff is null || !StaffRoles.Kept(db.Scope).Covers(staff.CompanyId, staff.ProjectId))
            throw ValidationException.For(
                "staffMemberId",
                "员工不存在或不属于您管理的项目",
                "Staff member not found in a project you keep"
            );
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var talk = StaffTalk.Record(
            staff.CompanyId,
            staff.ProjectId,
            staff.Id,
            staff.Name,
            me,
            name,
            input.HeldOn!.Value,
            input.Topic!,
            input.Notes,
            input.Issue,
            ChinaTime.Today(clock)
        );
        db.Add(talk);
        await db.SaveChangesAsync(ct);
        return (await StaffTalkViews.ToDtosAsync(db, [talk], ct))[0];
    }

    public async Task<StaffTalkDto> FollowUpAsync(Guid id, FollowUpInput input, CancellationToken ct)
    {
        Validator.Check(input);
        // Loaded tracked (a no-tracking subquery would make the whole query untracked), then checked against the places kept.
        var talk = await db.Set<StaffTalk>().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (talk is null || !StaffRoles.Kept(db.Scope).Covers(talk.CompanyId, talk.ProjectId))
            throw new NotFoundException("staff-talk");
        talk.RecordFollowUp(input.FollowUp!, ChinaTime.Today(clock));
        await db.SaveChangesAsync(ct);
        return (await StaffTalkViews.ToDtosAsync(db, [talk], ct))[0];
    }
}
