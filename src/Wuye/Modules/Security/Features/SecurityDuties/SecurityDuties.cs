using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Contracts;
using Wuye.Modules.Facilities.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.SecurityDuties;

internal sealed record CreateDutyInput(Guid? ProjectId, string? Name, DutyKind? Kind, int? EveryDays, DateOnly? StartsOn) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "名称", "Name")
            .MaxLength("name", Name, 100, "名称", "Name")
            .Required("kind", Kind, "职责类型", "Kind");
        if (EveryDays is < 1 or > 366)
            v.Add("everyDays", "周期应在 1 到 366 天之间", "everyDays is between 1 and 366");
    }
}

internal sealed record DutyCheckInput(DateOnly? Day, DateOnly? OldestRecordingOn, bool? Finding, string? Note) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("note", Note, 500, "说明", "Note");
}

internal sealed record DutyDto(
    Guid Id,
    Guid ProjectId,
    string Name,
    DutyKind Kind,
    string KindName,
    int EveryDays,
    DateOnly StartsOn,
    DateOnly? LastDoneOn,
    DateOnly DueOn,
    bool Overdue,
    bool DoneToday,
    bool? LastFinding,
    int? LastRetainedDays,
    string Source
);

internal sealed record DutyCheckDto(
    Guid Id,
    Guid DutyId,
    DateOnly Day,
    DateOnly? OldestRecordingOn,
    int? RetainedDays,
    bool Finding,
    string? Note,
    DateTimeOffset RecordedAt,
    string RecordedByName
);

/// <summary>Security duties as records (001): CCTV kept ≥ Wuye:Security:CctvRetentionDays days (a daily check of the oldest
/// recording), fire-equipment checks (also read from Facilities' fire-system maintenance), fire drills every half year (read from
/// Emergencies' completed fire drills); each with its schedule and computed due date.</summary>
internal sealed class SecurityDutyHandler(
    WuyeDb db,
    TimeProvider clock,
    UserNames names,
    Notifier notifier,
    IFireDrills drills,
    IFireEquipmentChecks fireChecks,
    Microsoft.Extensions.Options.IOptions<SecurityOptions> options
)
{
    public const string Page = "/security/duties";
    public int MinRetentionDays => options.Value.CctvRetentionDays;

    public static string KindName(DutyKind k) =>
        k switch
        {
            DutyKind.CctvRetention => Loc.T("监控录像保存检查", "CCTV retention check"),
            DutyKind.FireEquipmentCheck => Loc.T("消防器材检查", "Fire equipment check"),
            _ => Loc.T("消防演练（每半年）", "Fire drill (half-yearly)"),
        };

    public static string KindNameZh(DutyKind k) =>
        k switch
        {
            DutyKind.CctvRetention => "监控录像保存检查",
            DutyKind.FireEquipmentCheck => "消防器材检查",
            _ => "消防演练",
        };

    /// <summary>Every duty in use (of a project, or all the reader sees) with the last time done and its due date, computed from the
    /// records, the drills and the maintenance tasks.</summary>
    public async Task<List<DutyDto>> StatusesAsync(Guid? projectId, CancellationToken ct)
    {
        var duties = await db.Set<SecurityDuty>()
            .AsNoTracking()
            .Where(d => d.ArchivedAt == null && (projectId == null || d.ProjectId == projectId))
            .OrderBy(d => d.ProjectId)
            .ThenBy(d => d.Kind)
            .ThenBy(d => d.Name)
            .Take(1000)
            .ToListAsync(ct);
        return await StatusesOfAsync(duties, ct);
    }

    public async Task<List<DutyDto>> StatusesOfAsync(List<SecurityDuty> duties, CancellationToken ct)
    {
        var ids = duties.Select(d => d.Id).ToList();
        var projects = duties.Select(d => d.ProjectId).Distinct().ToList();
        var last = await db.Set<DutyCheck>()
            .AsNoTracking()
            .Where(c => ids.Contains(c.SecurityDutyId))
            .GroupBy(c => c.SecurityDutyId)
            .Select(g => g.OrderByDescending(c => c.Day).ThenByDescending(c => c.RecordedAt).First())
            .ToListAsync(ct);
        var byDuty = last.ToDictionary(c => c.SecurityDutyId);
        var drilled = await drills.LastCompletedAsync(projects, ct);
        var maintained = await fireChecks.LastDoneAsync(projects, ct);
        var today = ChinaTime.Today(clock);
        return
        [
            .. duties.Select(d =>
            {
                var check = byDuty.GetValueOrDefault(d.Id);
                DateOnly? done = check?.Day;
                var source = "records";
                if (d.Kind == DutyKind.FireDrill)
                {
                    done = drilled.TryGetValue(d.ProjectId, out var at) ? Day(at) : null;
                    source = "emergencies";
                }
                else if (
                    d.Kind == DutyKind.FireEquipmentCheck
                    && maintained.TryGetValue(d.ProjectId, out var m)
                    && (done is null || Day(m) > done)
                )
                {
                    done = Day(m);
                    source = "facilities";
                }
                var due = d.DueOn(done);
                return new DutyDto(
                    d.Id,
                    d.ProjectId,
                    d.Name,
                    d.Kind,
                    KindName(d.Kind),
                    d.EveryDays,
                    d.StartsOn,
                    done,
                    due,
                    d.Overdue(done, today),
                    done == today,
                    source == "records" ? check?.Finding : null,
                    source == "records" ? check?.RetainedDays : null,
                    source
                );
            }),
        ];
    }

    private static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(ChinaTime.ToChina(t).DateTime);

    public async Task<SecurityDuty> CreateAsync(CreateDutyInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (!SecurityRoles.MaySuperviseAt(db.Scope, project.CompanyId, project.Id))
            throw new ForbiddenException("只有主管可以设置安保职责", "Only the supervisor sets up duties");
        var name = input.Name!.Trim();
        if (await db.Set<SecurityDuty>().AnyAsync(d => d.ProjectId == project.Id && d.Name == name, ct))
            throw new RuleException("security_duty.duplicate_name", $"已有名为“{name}”的职责", $"A duty named “{name}” exists");
        var kind = input.Kind!.Value;
        var duty = new SecurityDuty
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Name = name,
            Kind = kind,
            EveryDays = input.EveryDays ?? SecurityDuty.DefaultEvery(kind),
            StartsOn = input.StartsOn ?? ChinaTime.Today(clock),
        };
        db.Add(duty);
        await db.SaveChangesAsync(ct);
        return duty;
    }

    public async Task<SecurityDuty> OneAsync(Guid id, CancellationToken ct) =>
        await db.Set<SecurityDuty>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
        ?? throw new NotFoundException("security duty");

    /// <summary>Records that a duty was done on a day (today by default, never in the future, once per day); a CCTV check keeping
    /// fewer than the set days is a finding, told to the supervisor at once.</summary>
    public async Task<DutyCheck> RecordAsync(Guid id, DutyCheckInput input, CancellationToken ct)
    {
        var duty = await OneAsync(id, ct);
        var today = ChinaTime.Today(clock);
        var day = input.Day ?? today;
        if (day > today || day < today.AddDays(-31))
            throw ValidationException.For(
                "day",
                "检查日期应在最近 31 天内且不晚于今天",
                "The day is within the last 31 days, not after today"
            );
        var by = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var check = DutyCheck.Record(
            duty,
            day,
            input.OldestRecordingOn,
            input.Finding ?? false,
            input.Note,
            MinRetentionDays,
            by,
            await names.NameAsync(by, ct) ?? "?",
            now
        );
        if (await db.Set<DutyCheck>().AnyAsync(c => c.SecurityDutyId == duty.Id && c.Day == day, ct))
            throw new RuleException(
                "security_duty.checked",
                $"“{duty.Name}”{day:yyyy-MM-dd} 已有检查记录",
                $"“{duty.Name}” was already checked on {day:yyyy-MM-dd}"
            );
        db.Add(check);
        if (check.Finding)
        {
            var to = new List<Guid>();
            foreach (var role in SecurityRoles.Escalated)
                to.AddRange(await notifier.UsersWithRoleAsync(role, duty.CompanyId, duty.ProjectId, ct));
            var what =
                duty.Kind == DutyKind.CctvRetention
                    ? $"最早录像为 {check.OldestRecordingOn:yyyy-MM-dd}，仅保存 {check.RetainedDays} 天，少于规定的 {MinRetentionDays} 天。"
                    : $"检查发现问题：{check.Note}";
            await notifier.NotifyAsync(
                to,
                duty.CompanyId,
                $"安保职责发现问题：{duty.Name}",
                $"{day:yyyy-MM-dd} {KindNameZh(duty.Kind)}（{duty.Name}）{what}请安排整改。",
                Page,
                $"security-duty-finding:{check.Id:N}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return check;
    }

    public static DutyCheckDto Dto(DutyCheck c) =>
        new(c.Id, c.SecurityDutyId, c.Day, c.OldestRecordingOn, c.RetainedDays, c.Finding, c.Note, c.RecordedAt, c.RecordedByName);

    public IQueryable<DutyCheck> Checks(Guid dutyId) =>
        db.Set<DutyCheck>()
            .AsNoTracking()
            .Where(c => c.SecurityDutyId == dutyId)
            .OrderByDescending(c => c.Day)
            .ThenByDescending(c => c.RecordedAt)
            .ThenBy(c => c.Id);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/security-duties").WithTags("Security");
        g.MapGet("/", async (SecurityDutyHandler h, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await h.StatusesAsync(projectId, ct))
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary(
                "The duties in use with their schedule, last time done and due date, overdue flag (source: records, emergencies for the "
                    + "fire drill, facilities when a fire-system maintenance task is the latest check)"
            );
        g.MapPost("/", async Task<Created<DutyDto>> (SecurityDutyHandler h, CreateDutyInput body, CancellationToken ct) =>
            {
                var d = await h.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/security-duties/{d.Id}", (await h.StatusesOfAsync([d], ct))[0]);
            })
            .RequireRoles(SecurityRoles.Supervisors)
            .WithSummary(
                "Set up a duty {projectId, name, kind: cctvRetention|fireEquipmentCheck|fireDrill, everyDays? (1, 30, 182), "
                    + "startsOn?} (409 security_duty.duplicate_name)"
            );
        g.MapGet("/{id:guid}", async (SecurityDutyHandler h, Guid id, CancellationToken ct) =>
                TypedResults.Ok((await h.StatusesOfAsync([await h.OneAsync(id, ct)], ct))[0])
            )
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("One duty with its status");
        g.MapGet("/{id:guid}/checks", async (SecurityDutyHandler h, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            {
                await h.OneAsync(id, ct);
                var paged = await h.Checks(id).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(new Paged<DutyCheckDto>([.. paged.Items.Select(Dto)], paged.Page, paged.PageSize, paged.Total));
            })
            .RequireRoles(SecurityRoles.Readers)
            .WithSummary("The duty's checks, newest first");
        g.MapPost(
                "/{id:guid}/checks",
                async Task<Created<DutyCheckDto>> (SecurityDutyHandler h, Guid id, DutyCheckInput body, CancellationToken ct) =>
                {
                    var c = await h.RecordAsync(id, body, ct);
                    return TypedResults.Created($"/api/v1/security-duties/{id}/checks", Dto(c));
                }
            )
            .RequireRoles(SecurityRoles.DutyRecorders)
            .WithSummary(
                "Record a check {day? (today), oldestRecordingOn (CCTV), finding?, note?}: fewer days kept than "
                    + "Wuye:Security:CctvRetentionDays is a finding told to the supervisor (409 security_duty.checked, "
                    + "security_duty.recorded_elsewhere for the drill)"
            );
    }
}
