using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.RenovationSteps;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RenovationChecks;

internal sealed record CheckInput(CheckKind? Kind, string? Findings, bool Violation, decimal? Deduction, Guid[]? PhotoIds) : IValidatable
{
    public void Validate(Validator v)
    {
        v.MaxLength("findings", Findings, 1000, "巡查情况", "Findings")
            .Range("deduction", Deduction, 0.01m, 1_000_000m, "扣款", "Deduction");
        if (Violation && string.IsNullOrWhiteSpace(Findings))
            v.Add("findings", "发现违规时请写明违规事项", "Describe the violation found");
        if (Deduction is not null && !Violation)
            v.Add("deduction", "只有违规才扣押金", "Only a violation costs a deduction");
        if (PhotoIds is { Length: > 9 })
            v.Add("photoIds", "最多 9 张照片", "At most 9 photos");
    }
}

internal sealed record CheckDto(
    Guid Id,
    Guid RenovationId,
    DateOnly Day,
    CheckKind Kind,
    bool Missed,
    string? Findings,
    Guid[] PhotoIds,
    bool Violation,
    decimal? Deduction,
    DateTimeOffset? At,
    DateTimeOffset? RectifiedAt
);

/// <summary>
/// 装修日常巡查: engineering (technicians) and order (guards) each check every renovation in progress once a day — findings, photos, a
/// violation (the owner is told; a deduction comes off the deposit) and its rectification. Checks nobody made by the end of a
/// working day are recorded as missed and the project managers told.
/// </summary>
internal sealed class RenovationChecksHandler(
    WuyeDb db,
    TimeProvider clock,
    RenovationStepsHandler steps,
    Notifier notifier,
    IProjectCalendars calendars
)
{
    public async Task<CheckDto> RecordAsync(Guid renovationId, CheckInput input, CancellationToken ct)
    {
        var r = await db.Set<Renovation>().FirstOrDefaultAsync(x => x.Id == renovationId, ct) ?? throw new NotFoundException("renovation");
        var kind = input.Kind
            ?? WorkerText.KindFor(db.Scope)
            ?? throw ValidationException.For("kind", "请选择工程巡查或秩序巡查", "Choose an engineering or an order check");
        if (r.State is not (RenovationState.Permitted or RenovationState.AwaitingAcceptance))
            throw new RuleException(
                "renovation.check_not_now",
                $"装修当前为“{RenovationText.State(r.State, true)}”，不在施工中，无需巡查",
                $"The renovation is {RenovationText.State(r.State, false)}, not in progress: nothing to check"
            );
        var today = ChinaTime.Today(clock);
        if (await db.Set<RenovationCheck>().AnyAsync(c => c.RenovationId == r.Id && c.Day == today && c.Kind == kind, ct))
            throw new RuleException(
                "renovation.checked_today",
                $"今天的{WorkerText.Check(kind)}已记录",
                $"Today's {WorkerText.Check(kind).ToLowerInvariant()} is already recorded"
            );
        // Money comes off a deposit only at the desk (as the deductions step): an inspector records the violation and the desk
        // decides the deduction.
        if (input.Deduction is not null && !db.Scope.HasRoleAt(GateRoles.Desk, r.CompanyId, r.ProjectId, r.ZoneId))
            throw ValidationException.For(
                "deduction",
                "扣押金由客服中心办理：请只记录违规，由前台扣款",
                "Deposits are deducted at the service desk: record the violation and let the desk deduct"
            );
        var photos = await FileStore.RequireOwnAsync(db, input.PhotoIds, FilePlace.Project(r.CompanyId, r.ProjectId), "photoIds", ct);
        var by = db.Scope.UserId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        var c = new RenovationCheck
        {
            CompanyId = r.CompanyId,
            ProjectId = r.ProjectId,
            ZoneId = r.ZoneId,
            UnitId = r.UnitId,
            RenovationId = r.Id,
            Day = today,
            Kind = kind,
            Findings = string.IsNullOrWhiteSpace(input.Findings) ? null : input.Findings.Trim(),
            PhotoIds = photos,
            Violation = input.Violation,
            Deduction = input.Deduction,
            By = by,
            At = now,
        };
        db.Add(c);
        if (c.Violation)
        {
            db.Add(r.Note("violation", c.Findings, by, now));
            if (c.Deduction is { } amount)
                db.Add(r.Deduct(amount, c.Findings!, by, now));
            await steps.TellOwnersAsync(
                r,
                "装修违规通知",
                $"{WorkerText.Check(kind)}发现：{c.Findings}" + (c.Deduction is { } d ? $"，扣押金 {d:0.##} 元" : "") + "，请尽快整改",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return ToDto(c);
    }

    public async Task<CheckDto> RectifyAsync(Guid checkId, CancellationToken ct)
    {
        var c = await db.Set<RenovationCheck>().FirstOrDefaultAsync(x => x.Id == checkId, ct) ?? throw new NotFoundException("check");
        var by = db.Scope.UserId ?? Guid.Empty;
        var now = clock.GetUtcNow();
        c.Rectify(by, now);
        var r = await db.Set<Renovation>().FirstAsync(x => x.Id == c.RenovationId, ct);
        db.Add(r.Note("rectified", c.Findings, by, now));
        await db.SaveChangesAsync(ct);
        return ToDto(c);
    }

    public static CheckDto ToDto(RenovationCheck c) =>
        new(c.Id, c.RenovationId, c.Day, c.Kind, c.Missed, c.Findings, c.PhotoIds, c.Violation, c.Deduction, c.At, c.RectifiedAt);

    /// <summary>Renovations in progress on <paramref name="day"/> (permitted by then, within their dates).</summary>
    public static IQueryable<Renovation> Active(WuyeDb db, DateOnly day)
    {
        var end = ChinaTime.StartOf(day.AddDays(1)).ToUniversalTime();
        return db.Set<Renovation>()
            .Where(r => r.State == RenovationState.Permitted && r.PermittedAt < end && r.StartDate <= day && r.EndDate >= day);
    }

    /// <summary>
    /// Records each check not made on the last three working days before today as missed (once: the day and kind are unique) and
    /// tells each project's managers how many were missed. Returns how many were recorded.
    /// </summary>
    public async Task<int> FlagMissedAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var flagged = 0;
        var perProject = new Dictionary<(Guid Company, Guid Project), List<string>>();
        for (var day = today.AddDays(-3); day < today; day = day.AddDays(1))
        {
            var d = day;
            var rows = await Active(db, d)
                .OrderBy(r => r.Id)
                .Select(r => new
                {
                    r,
                    Done = db.Set<RenovationCheck>().Where(c => c.RenovationId == r.Id && c.Day == d).Select(c => c.Kind).ToList(),
                })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                var calendar = await calendars.ForProjectAsync(row.r.CompanyId, row.r.ProjectId, ct);
                if (!calendar.IsWorkingDay(d))
                    continue;
                foreach (var kind in Enum.GetValues<CheckKind>().Where(k => !row.Done.Contains(k)))
                {
                    db.Add(
                        new RenovationCheck
                        {
                            CompanyId = row.r.CompanyId,
                            ProjectId = row.r.ProjectId,
                            ZoneId = row.r.ZoneId,
                            UnitId = row.r.UnitId,
                            RenovationId = row.r.Id,
                            Day = d,
                            Kind = kind,
                            Missed = true,
                        }
                    );
                    db.Add(row.r.Note("missed_check", $"{d:yyyy-MM-dd} {WorkerText.Check(kind)}", Guid.Empty, now));
                    var key = (row.r.CompanyId, row.r.ProjectId);
                    if (!perProject.TryGetValue(key, out var list))
                        perProject[key] = list = [];
                    list.Add($"{d:MM-dd} {(kind == CheckKind.Engineering ? "工程" : "秩序")}");
                    flagged++;
                }
            }
        }
        foreach (var ((company, project), misses) in perProject)
        {
            var managers = await notifier.UsersWithRoleAsync(Roles.ProjectManager, company, project, ct);
            await notifier.NotifyAsync(
                managers,
                company,
                $"装修巡查漏检 {misses.Count} 次",
                $"以下装修巡查未按时完成：{string.Join("、", misses.Take(10))}" + (misses.Count > 10 ? " 等" : "") + "。",
                "/gate/renovations",
                $"renovation-missed:{project:N}:{today:yyyyMMdd}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return flagged;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/renovations/{id:guid}/checks",
                async Task<Created<CheckDto>> (RenovationChecksHandler h, Guid id, CheckInput body, CancellationToken ct) =>
                {
                    var c = await h.RecordAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/renovations/{id}/checks", c);
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Inspectors)
            .WithSummary("Record today's check of a renovation {kind?, findings, violation, deduction?, photoIds}");
        api.MapPost("/renovation-checks/{id:guid}/rectifications", async (RenovationChecksHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await h.RectifyAsync(id, ct))
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Inspectors)
            .WithSummary("A violation found on a check is put right");
        api.MapGet(
                "/renovation-checks",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    Guid? renovationId,
                    DateOnly? date,
                    bool? missed,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var q = db.Set<RenovationCheck>()
                        .Where(c =>
                            (projectId == null || c.ProjectId == projectId)
                            && (renovationId == null || c.RenovationId == renovationId)
                            && (date == null || c.Day == date)
                            && (missed == null || c.Missed == missed)
                        )
                        .OrderByDescending(c => c.Day)
                        .ThenBy(c => c.Kind)
                        .ThenBy(c => c.Id);
                    var paged = await q.ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(new Paged<CheckDto>([.. paged.Items.Select(ToDto)], paged.Page, paged.PageSize, paged.Total));
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Readers)
            .WithSummary("Renovation checks, made and missed, newest day first");
    }
}
