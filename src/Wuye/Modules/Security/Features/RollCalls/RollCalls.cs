using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.RollCalls;

internal sealed record VerbalAnswerInput(string? Note) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("note", Note, 200, "备注", "Note");
}

internal sealed record RollCallSettingsInput(
    Guid? ProjectId,
    string? From,
    string? Until,
    int? IntervalMinutes,
    int? AnswerMinutes,
    int? Recalls
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project");
        foreach (var (field, value) in new[] { ("from", From), ("until", Until) })
            if (!TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                v.Add(field, "时间格式应为 HH:mm，如 22:00", "Use HH:mm, e.g. 22:00");
        if (IntervalMinutes is not (15 or 20 or 30 or 60 or 90 or 120))
            v.Add(
                "intervalMinutes",
                "点名间隔须为 15、20、30、60、90 或 120 分钟",
                "The interval must be 15, 20, 30, 60, 90 or 120 minutes"
            );
        if (AnswerMinutes is not (>= 1 and <= 30))
            v.Add("answerMinutes", "应答时限须在 1 到 30 分钟之间", "The answer time must be 1 to 30 minutes");
        else if (IntervalMinutes is { } i && AnswerMinutes * ((Recalls ?? 0) + 1) >= i)
            v.Add("answerMinutes", "应答时限×呼叫次数须短于点名间隔", "Answer time × calls must be shorter than the interval");
        if (Recalls is not (>= 0 and <= 3))
            v.Add("recalls", "再次呼叫次数须在 0 到 3 之间", "Re-calls must be 0 to 3");
    }
}

/// <summary>The night roll-call: the calls and their log, the guard's acknowledgement, the operator's record of a verbal answer, the
/// project's settings.</summary>
internal sealed class RollCallHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<RollCallDto> AcknowledgeAsync(Guid id, CancellationToken ct)
    {
        var call = await db.Set<RollCall>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("roll call");
        call.Acknowledge(db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first"), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RollCallReads.Dto(call);
    }

    public async Task<RollCallDto> RecordVerbalAsync(Guid id, VerbalAnswerInput input, CancellationToken ct)
    {
        var call = await db.Set<RollCall>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("roll call");
        call.RecordVerbal(db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first"), input.Note, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return RollCallReads.Dto(call);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/roll-calls").WithTags("Security");
        g.MapGet(
                "/",
                async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? night, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var calls = await RollCallReads
                        .OfNight(db, night ?? RollCallReads.CurrentNight(clock), projectId)
                        .ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(
                        new Paged<RollCallDto>([.. calls.Items.Select(RollCallReads.Dto)], calls.Page, calls.PageSize, calls.Total)
                    );
                }
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The roll-calls of a night (named by its first day; default the night under way), latest first");
        g.MapGet("/log", async (WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly? night, CancellationToken ct) =>
                TypedResults.Ok(
                    RollCallReads.Log(
                        await RollCallReads.OfNight(db, night ?? RollCallReads.CurrentNight(clock), projectId).Take(5000).ToListAsync(ct)
                    )
                )
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The night's log per post: calls, answers (phone or verbal), escalations, median and slowest response");
        g.MapPost("/{id:guid}/acknowledgements", async (RollCallHandler handler, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await handler.AcknowledgeAsync(id, ct))
            )
            .RequireRoles(SecurityRoles.Guards)
            .WithSummary("The guard on the post answers the call on their phone (409 roll_call.escalated once it was escalated)");
        g.MapPost("/{id:guid}/verbal-answers", async (RollCallHandler handler, Guid id, VerbalAnswerInput body, CancellationToken ct) =>
                TypedResults.Ok(await handler.RecordVerbalAsync(id, body, ct))
            )
            .RequireRoles(SecurityRoles.Operators)
            .WithSummary("The monitoring center records the post's verbal answer (radio, phone)");
        g.MapGet("/settings", async (WuyeDb db, Guid projectId, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct)
                    ?? throw new NotFoundException("project");
                return TypedResults.Ok(RollCallReads.Dto(await RollCallReads.SettingsAsync(db, project.CompanyId, project.Id, ct)));
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("A project's roll-call times, interval, answer minutes and re-calls (defaults 22:00–07:00, 30, 5, 1)");
        g.MapPut("/settings", async (WuyeDb db, RollCallSettingsInput body, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                    ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
                var s = await RollCallReads.SettingsAsync(db, project.CompanyId, project.Id, ct);
                if (db.Entry(s).State == EntityState.Detached)
                    db.Add(s);
                s.From = TimeOnly.ParseExact(body.From!, "HH:mm", CultureInfo.InvariantCulture);
                s.Until = TimeOnly.ParseExact(body.Until!, "HH:mm", CultureInfo.InvariantCulture);
                s.IntervalMinutes = body.IntervalMinutes!.Value;
                s.AnswerMinutes = body.AnswerMinutes!.Value;
                s.Recalls = body.Recalls!.Value;
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(RollCallReads.Dto(s));
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary("Set a project's roll-call times, interval, answer minutes and re-calls");
    }
}
