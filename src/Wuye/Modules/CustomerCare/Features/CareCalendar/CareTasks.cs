using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CareCalendar;

internal sealed record CareTaskDto(
    Guid Id,
    Guid ProjectId,
    Guid? UnitId,
    string? UnitLabel,
    Guid? PersonId,
    CareKind Kind,
    string KindName,
    CareTaskStatus Status,
    string StatusName,
    string Title,
    DateOnly EventDate,
    DateOnly DueDate,
    Guid? AssigneeUserId,
    string? Outcome,
    DateTimeOffset? DoneAt,
    string? NotedBy
);

internal sealed record CareVisitDto(
    Guid Id,
    Guid UnitId,
    Guid? PersonId,
    Guid? CareTaskId,
    string VisitorName,
    DateTimeOffset VisitedAt,
    string Asked,
    string? FollowUp,
    DateOnly? FollowUpDue
);

/// <summary>A life event a steward noted (新婚, 添丁, 乔迁): a congratulation visit for the zone steward.</summary>
internal sealed record NewLifeEvent(Guid? UnitId, Guid? PersonId, CareKind? Kind, DateOnly? EventDate, string? Note) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "住户", "Household")
            .Required("kind", Kind, "喜事", "Event")
            .Required("eventDate", EventDate, "日期", "Date")
            .MaxLength("note", Note, 200, "说明", "Note");
        if (Kind is { } k && !CareKinds.Noted.Contains(k))
            v.Add("kind", "只能登记新婚、添丁或乔迁", "Only a wedding, a birth or a move can be noted");
    }
}

/// <summary>A visit (上门/电话走访): whom, what was asked, the follow-up promised; closes its care task when it names one.</summary>
internal sealed record NewCareVisit(
    Guid? UnitId,
    Guid? PersonId,
    Guid? CareTaskId,
    DateTimeOffset? VisitedAt,
    string? Asked,
    string? FollowUp,
    DateOnly? FollowUpDue
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "住户", "Household")
            .Required("asked", Asked, "走访内容", "What was asked")
            .MaxLength("asked", Asked, 1000, "走访内容", "What was asked")
            .MaxLength("followUp", FollowUp, 1000, "跟进事项", "Follow-up");
        if (FollowUpDue is not null && string.IsNullOrWhiteSpace(FollowUp))
            v.Add("followUp", "请填写跟进事项", "Say what is to be followed up");
    }
}

/// <summary>The care calendar's tasks and visits: stewards see their zones', the desk and managers their projects'.</summary>
internal sealed class CareTasks(WuyeDb db, TimeProvider clock, Notifier notifier, UserNames names)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/care-tasks").WithTags("Customer care");
        g.MapGet(
                "/",
                async (
                    CareTasks tasks,
                    Guid? projectId,
                    Guid? unitId,
                    CareTaskStatus? status,
                    bool? mine,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var paged = await tasks.Dtos(tasks.Query(projectId, unitId, status, mine ?? false)).ToPagedAsync(page, pageSize, ct);
                    return TypedResults.Ok(paged with { Items = [.. paged.Items.Select(Named)] });
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Care tasks (客户关怀): move-in welcomes, birthdays, holidays, warranty reminders, noted life events");
        g.MapGet("/{id:guid}", async (CareTasks tasks, Guid id, CancellationToken ct) =>
                TypedResults.Ok(
                    Named(
                        await tasks.Project(tasks.Query(null, null, null, false).Where(t => t.Id == id)).FirstOrDefaultAsync(ct)
                            ?? throw new NotFoundException("care task")
                    )
                )
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("One care task");
        g.MapPost("/", async (CareTasks tasks, NewLifeEvent body, CancellationToken ct) =>
            {
                var id = await tasks.NoteAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/care-tasks/{id}",
                    Named(await tasks.Project(tasks.Query(null, null, null, false).Where(t => t.Id == id)).FirstAsync(ct))
                );
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Note a household's life event (wedding, birth, move): a congratulation visit for the zone steward");

        var v = api.MapGroup("/care-visits").WithTags("Customer care");
        v.MapGet("/", async (CareTasks tasks, Guid? unitId, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await VisitDtos(tasks.VisitRows(unitId)).ToPagedAsync(page, pageSize, ct))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Visits recorded: who, when, what was asked, the follow-up");
        v.MapPost("/", async (CareTasks tasks, NewCareVisit body, CancellationToken ct) =>
            {
                var id = await tasks.VisitAsync(body, ct);
                return TypedResults.Created(
                    $"/api/v1/care-visits/{id}",
                    await VisitDtos(tasks.VisitRows(null).Where(x => x.Id == id)).FirstAsync(ct)
                );
            })
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("Record a visit; naming an open care task closes it");
    }

    /// <summary>The care tasks the reader may see, filtered; <see cref="Dtos"/> orders and shows them.</summary>
    public IQueryable<CareTask> Query(Guid? projectId, Guid? unitId, CareTaskStatus? status, bool mine)
    {
        var q = db.Set<CareTask>().AsNoTracking();
        if (projectId is { } p)
            q = q.Where(t => t.ProjectId == p);
        if (unitId is { } u)
            q = q.Where(t => t.UnitId == u);
        if (status is { } s)
            q = q.Where(t => t.Status == s);
        if (mine)
        {
            var me = db.Scope.UserId;
            q = q.Where(t => t.AssigneeUserId == me);
        }
        return q;
    }

    /// <summary>Open first, then by due date.</summary>
    public IQueryable<CareTaskDto> Dtos(IQueryable<CareTask> q) =>
        Project(q.OrderBy(t => t.Status).ThenBy(t => t.DueDate).ThenBy(t => t.Id));

    public IQueryable<CareTaskDto> Project(IQueryable<CareTask> q)
    {
        var labels = db.UnitLabels();
        return q.Select(t => new CareTaskDto(
            t.Id,
            t.ProjectId,
            t.UnitId,
            labels.Where(l => l.Id == t.UnitId).Select(l => l.Label).FirstOrDefault(),
            t.PersonId,
            t.Kind,
            "",
            t.Status,
            "",
            t.Title,
            t.EventDate,
            t.DueDate,
            t.AssigneeUserId,
            t.Outcome,
            t.DoneAt,
            t.NotedBy
        ));
    }

    public IQueryable<CareVisit> VisitRows(Guid? unitId)
    {
        var q = db.Set<CareVisit>().AsNoTracking();
        return unitId is { } u ? q.Where(v => v.UnitId == u) : q;
    }

    public static IQueryable<CareVisitDto> VisitDtos(IQueryable<CareVisit> q) =>
        q.OrderByDescending(v => v.VisitedAt)
            .ThenByDescending(v => v.Id)
            .Select(v => new CareVisitDto(
                v.Id,
                v.UnitId,
                v.PersonId,
                v.CareTaskId,
                v.VisitorName,
                v.VisitedAt,
                v.Asked,
                v.FollowUp,
                v.FollowUpDue
            ));

    private async Task<(Guid Id, Guid CompanyId, Guid ProjectId, Guid? ZoneId, string Label)> UnitAsync(Guid? unitId, CancellationToken ct)
    {
        var u = await db.UnitRefs()
            .AsNoTracking()
            .Where(x => x.Id == unitId && x.ArchivedAt == null)
            .Select(x => new
            {
                x.Id,
                x.CompanyId,
                x.ProjectId,
                x.ZoneId,
                x.Label,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "住户不存在或无权访问", "Household not found, or not yours");
        return (u.Id, u.CompanyId, u.ProjectId, u.ZoneId, u.Label);
    }

    private async Task CheckMemberAsync(Guid unitId, Guid? personId, CancellationToken ct)
    {
        if (personId is { } p && !await db.OccupantRefs().AnyAsync(o => o.UnitId == unitId && o.PersonId == p, ct))
            throw ValidationException.For("personId", "此人不是该住户的成员", "The person is not a member of this household");
    }

    public async Task<Guid> NoteAsync(NewLifeEvent input, CancellationToken ct)
    {
        Validator.Check(input);
        var unit = await UnitAsync(input.UnitId, ct);
        await CheckMemberAsync(unit.Id, input.PersonId, ct);
        var key = $"event:{unit.Id:N}:{input.Kind}:{input.EventDate:yyyyMMdd}";
        if (await db.Set<CareTask>().IgnoreQueryFilters().AnyAsync(t => t.Key == key, ct))
            throw new RuleException("care_task.duplicate", "该喜事已登记", "This event is already noted");
        var steward = await db.ZoneRefs().Where(z => z.Id == unit.ZoneId).Select(z => z.StewardUserId).FirstOrDefaultAsync(ct);
        var me = db.Scope.UserId;
        var kind = CareKinds.Name(input.Kind!.Value);
        var note = string.IsNullOrWhiteSpace(input.Note) ? "" : "：" + input.Note.Trim();
        var today = ChinaTime.Today(clock);
        var task = new CareTask
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            PersonId = input.PersonId,
            Kind = input.Kind!.Value,
            Status = CareTaskStatus.Open,
            Title = Loc.T($"{unit.Label} {kind}，上门恭贺{note}", $"{unit.Label}: {kind} — visit to congratulate{note}"),
            EventDate = input.EventDate!.Value,
            DueDate = (input.EventDate!.Value > today ? input.EventDate.Value : today).AddDays(7),
            AssigneeUserId = steward,
            NotedBy = me is { } m ? await names.NameAsync(m, ct) : null,
            Key = key,
        };
        db.Add(task);
        if (steward is { } s)
            await notifier.NotifyAsync(
                [s],
                unit.CompanyId,
                Loc.T("新的客户关怀任务", "New care task"),
                task.Title,
                "/care/tasks",
                $"care-task:{key}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    public async Task<Guid> VisitAsync(NewCareVisit input, CancellationToken ct)
    {
        Validator.Check(input);
        var unit = await UnitAsync(input.UnitId, ct);
        await CheckMemberAsync(unit.Id, input.PersonId, ct);
        var now = clock.GetUtcNow();
        if (input.VisitedAt is { } at && at > now.AddMinutes(5))
            throw ValidationException.For("visitedAt", "走访时间不能晚于现在", "The visit cannot be in the future");
        CareTask? task = null;
        if (input.CareTaskId is { } id)
        {
            task = await db.Set<CareTask>().FirstOrDefaultAsync(t => t.Id == id && t.UnitId == unit.Id, ct)
                ?? throw ValidationException.For("careTaskId", "关怀任务不属于该住户", "The care task is not this household's");
            task.Complete(input.Asked!.Trim(), now);
        }
        var me = db.Scope.UserId;
        var visit = new CareVisit
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            PersonId = input.PersonId ?? task?.PersonId,
            CareTaskId = task?.Id,
            VisitorUserId = me,
            VisitorName = (me is { } m ? await names.NameAsync(m, ct) : null) ?? Loc.T("系统", "System"),
            VisitedAt = (input.VisitedAt ?? now).ToUniversalTime(),
            Asked = input.Asked!.Trim(),
            FollowUp = string.IsNullOrWhiteSpace(input.FollowUp) ? null : input.FollowUp.Trim(),
            FollowUpDue = input.FollowUpDue,
        };
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return visit.Id;
    }

    /// <summary>Fills the names in the reader's language (the query leaves them empty).</summary>
    public static CareTaskDto Named(CareTaskDto t) =>
        t with
        {
            KindName = CareKinds.Name(t.Kind),
            StatusName = CareKinds.StatusName(t.Status),
        };
}
