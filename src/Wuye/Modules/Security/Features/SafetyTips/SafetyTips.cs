using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.SafetyTips;

internal sealed record SafetyTipInput(Guid? ProjectId, string? Title, string? Body) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "提示标题", "Title")
            .MaxLength("title", Title, 100, "提示标题", "Title")
            .Required("body", Body, "提示内容", "Text")
            .MaxLength("body", Body, 500, "提示内容", "Text");
}

internal sealed record TipScheduleInput(Guid? SecurityPostId, string? Slot) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("securityPostId", SecurityPostId, "岗位", "Post");
        if (!TimeSlot.TryParse(Slot, out _))
            v.Add(
                "slot",
                "时段格式应为 HH:mm-HH:mm，如 22:00-23:30（不跨零点）",
                "Use HH:mm-HH:mm, e.g. 22:00-23:30 (not across midnight)"
            );
    }
}

internal sealed record TipScheduleDto(Guid Id, Guid SecurityPostId, string PostName, string Slot);

internal sealed record SafetyTipDto(Guid Id, Guid ProjectId, string Title, string Body, List<TipScheduleDto> Schedules);

internal sealed record TipDeliveryDto(
    Guid Id,
    Guid ProjectId,
    Guid SafetyTipId,
    Guid SecurityPostId,
    string PostName,
    string Title,
    string Body,
    DateOnly Day,
    DateTimeOffset SlotFrom,
    DateTimeOffset SlotTo,
    Guid? GuardUserId,
    string? GuardName,
    DateTimeOffset PushedAt,
    DateTimeOffset? AcknowledgedAt,
    string State
);

/// <summary>
/// The monitoring center's library of safety tips (安全提示, 万科#4), their schedules to posts by time slot, the pushes to the guards'
/// phones and the guards' acknowledgements.
/// </summary>
internal sealed class SafetyTipHandler(WuyeDb db, TimeProvider clock)
{
    public static TipDeliveryDto Dto(SafetyTipDelivery d, DateTimeOffset now) =>
        new(
            d.Id,
            d.ProjectId,
            d.SafetyTipId,
            d.SecurityPostId,
            d.PostName,
            d.Title,
            d.Body,
            d.Day,
            d.SlotFrom,
            d.SlotTo,
            d.GuardUserId,
            d.GuardName,
            d.PushedAt,
            d.AcknowledgedAt,
            State(d, now)
        );

    /// <summary>acknowledged, open (slot under way, not yet acknowledged) or unacknowledged (slot over without it).</summary>
    public static string State(SafetyTipDelivery d, DateTimeOffset now) =>
        d.AcknowledgedAt is not null ? "acknowledged"
        : now < d.SlotTo ? "open"
        : "unacknowledged";

    public async Task<List<SafetyTipDto>> LibraryAsync(Guid? projectId, CancellationToken ct)
    {
        var tips = await db.Set<SafetyTip>()
            .AsNoTracking()
            .Where(t => t.ArchivedAt == null && (projectId == null || t.ProjectId == projectId))
            .OrderBy(t => t.ProjectId)
            .ThenBy(t => t.Title)
            .ThenBy(t => t.Id)
            .Take(500)
            .ToListAsync(ct);
        var ids = tips.Select(t => t.Id).ToList();
        var schedules = await (
            from s in db.Set<SafetyTipSchedule>().AsNoTracking()
            join p in db.Set<SecurityPost>() on s.SecurityPostId equals p.Id
            where ids.Contains(s.SafetyTipId)
            orderby s.From, p.Name
            select new
            {
                s.SafetyTipId,
                Dto = new TipScheduleDto(s.Id, s.SecurityPostId, p.Name, ""),
                s.From,
                s.To,
            }
        ).ToListAsync(ct);
        return
        [
            .. tips.Select(t => new SafetyTipDto(
                t.Id,
                t.ProjectId,
                t.Title,
                t.Body,
                [.. schedules.Where(s => s.SafetyTipId == t.Id).Select(s => s.Dto with { Slot = new TimeSlot(s.From, s.To).ToString() })]
            )),
        ];
    }

    public async Task<SafetyTip> CreateAsync(SafetyTipInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var title = input.Title!.Trim();
        if (await db.Set<SafetyTip>().AnyAsync(t => t.ProjectId == project.Id && t.Title == title && t.ArchivedAt == null, ct))
            throw new RuleException("safety_tip.duplicate_title", $"提示库中已有“{title}”", $"The library already has \"{title}\"");
        var tip = new SafetyTip
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Title = title,
            Body = input.Body!.Trim(),
        };
        db.Add(tip);
        await db.SaveChangesAsync(ct);
        return tip;
    }

    public async Task<TipScheduleDto> ScheduleAsync(Guid tipId, TipScheduleInput input, CancellationToken ct)
    {
        var tip = await db.Set<SafetyTip>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tipId && t.ArchivedAt == null, ct)
            ?? throw new NotFoundException("safety tip");
        var post = await db.Set<SecurityPost>()
            .AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == input.SecurityPostId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("securityPostId", "岗位不存在", "Post not found");
        TimeSlot.TryParse(input.Slot, out var slot);
        var schedule = SafetyTipSchedule.For(tip, post, slot);
        if (
            await db.Set<SafetyTipSchedule>()
                .AnyAsync(s => s.SafetyTipId == tip.Id && s.SecurityPostId == post.Id && s.From < slot.To && slot.From < s.To, ct)
        )
            throw new RuleException(
                "safety_tip.schedule_overlaps",
                $"该提示已在重叠时段推送给“{post.Name}”",
                $"The tip is already scheduled to \"{post.Name}\" at an overlapping time"
            );
        db.Add(schedule);
        await db.SaveChangesAsync(ct);
        return new(schedule.Id, post.Id, post.Name, slot.ToString());
    }

    public async Task ArchiveAsync(Guid tipId, CancellationToken ct)
    {
        var tip = await db.Set<SafetyTip>().FirstOrDefaultAsync(t => t.Id == tipId, ct) ?? throw new NotFoundException("safety tip");
        tip.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public async Task UnscheduleAsync(Guid tipId, Guid scheduleId, CancellationToken ct)
    {
        var s = await db.Set<SafetyTipSchedule>().FirstOrDefaultAsync(x => x.Id == scheduleId && x.SafetyTipId == tipId, ct)
            ?? throw new NotFoundException("safety tip schedule");
        db.Remove(s);
        await db.SaveChangesAsync(ct);
    }

    public async Task<TipDeliveryDto> AcknowledgeAsync(Guid id, CancellationToken ct)
    {
        var d = await db.Set<SafetyTipDelivery>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("tip delivery");
        var now = clock.GetUtcNow();
        d.Acknowledge(db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first"), now);
        await db.SaveChangesAsync(ct);
        return Dto(d, now);
    }

    public IQueryable<SafetyTipDelivery> Deliveries(DateOnly day, Guid? projectId) =>
        db.Set<SafetyTipDelivery>()
            .AsNoTracking()
            .Where(d => d.Day == day && (projectId == null || d.ProjectId == projectId))
            .OrderByDescending(d => d.SlotFrom)
            .ThenBy(d => d.PostName)
            .ThenBy(d => d.Id);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/safety-tips").WithTags("Security");
        g.MapGet("/", async (SafetyTipHandler h, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await h.LibraryAsync(projectId, ct))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The library of safety tips of the projects in scope, each with its schedules (post and daily time slot)");
        g.MapPost("/", async Task<Created<SafetyTipDto>> (SafetyTipHandler h, SafetyTipInput body, CancellationToken ct) =>
            {
                var tip = await h.CreateAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/safety-tips/{tip.Id}",
                    new SafetyTipDto(tip.Id, tip.ProjectId, tip.Title, tip.Body, [])
                );
            })
            .RequireRoles(SecurityRoles.TipEditors)
            .WithSummary("Add a tip to a project's library");
        g.MapPost(
                "/{id:guid}/schedules",
                async Task<Created<TipScheduleDto>> (SafetyTipHandler h, Guid id, TipScheduleInput body, CancellationToken ct) =>
                {
                    var s = await h.ScheduleAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/safety-tips/{id}/schedules/{s.Id}", s);
                }
            )
            .RequireRoles(SecurityRoles.TipEditors)
            .WithSummary("Schedule a tip to a post every day in a time slot (HH:mm-HH:mm, not across midnight)");
        g.MapPost("/{id:guid}/archive", async Task<NoContent> (SafetyTipHandler h, Guid id, CancellationToken ct) =>
            {
                await h.ArchiveAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(SecurityRoles.TipEditors)
            .WithSummary("Take a tip out of the library: no longer listed nor pushed (the pushes made stay on record)");
        g.MapDelete(
                "/{id:guid}/schedules/{scheduleId:guid}",
                async Task<NoContent> (SafetyTipHandler h, Guid id, Guid scheduleId, CancellationToken ct) =>
                {
                    await h.UnscheduleAsync(id, scheduleId, ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(SecurityRoles.TipEditors)
            .WithSummary("Stop a tip's schedule (the pushes made stay on record)");
        g.MapGet(
                "/deliveries",
                async (
                    SafetyTipHandler h,
                    TimeProvider clock,
                    Guid? projectId,
                    DateOnly? date,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var now = clock.GetUtcNow();
                    var items = await h.Deliveries(date ?? ChinaTime.Today(clock), projectId).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<TipDeliveryDto>([.. items.Items.Select(d => Dto(d, now))], items.Page, items.PageSize, items.Total)
                    );
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The tips pushed on a day (default today), latest slot first: to whom, when, acknowledged or not");
        g.MapPost("/deliveries/{id:guid}/acknowledgements", async (SafetyTipHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.AcknowledgeAsync(id, ct))
            )
            .RequireRoles(SecurityRoles.Guards)
            .WithSummary("The guard confirms a tip pushed to them (409 safety_tip.slot_over once its slot has ended)");
    }
}
