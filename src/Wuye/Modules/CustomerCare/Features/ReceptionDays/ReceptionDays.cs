using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.ReceptionDays;

internal sealed record ReceptionDayDto(
    Guid Id,
    Guid ProjectId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Place,
    string HostName,
    int Appointments
);

internal sealed record ReceptionAppointmentDto(
    Guid Id,
    Guid DayId,
    Guid UnitId,
    string UnitLabel,
    string Name,
    string Topic,
    string? Outcome,
    DateTimeOffset? OutcomeAt,
    string? OutcomeByName
);

internal sealed record NewReceptionDay(Guid? ProjectId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("startsAt", StartsAt, "开始时间", "Start")
            .Required("endsAt", EndsAt, "结束时间", "End")
            .Required("place", Place, "地点", "Place")
            .MaxLength("place", Place, 100, "地点", "Place");
        if (StartsAt is { } s && EndsAt is { } e && e <= s)
            v.Add("endsAt", "结束时间须晚于开始时间", "The end must be after the start");
    }
}

internal sealed record NewReceptionAppointment(Guid? UnitId, string? Topic) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("unitId", UnitId, "房屋", "Home")
            .Required("topic", Topic, "反映事项", "Topic")
            .MaxLength("topic", Topic, 300, "反映事项", "Topic");
}

internal sealed record ReceptionOutcome(string? Outcome) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("outcome", Outcome, "处理结果", "Outcome").MaxLength("outcome", Outcome, 500, "处理结果", "Outcome");
}

/// <summary>
/// 经理接待日: project and company managers (and the desk) set the month's day; owners book an appointment with their topic on the
/// portal (or the desk for them; one per home and day, until it starts); the host records each outcome. Owners read the days of
/// their homes' projects with the filter lifted, as they may not read project-wide rows.
/// </summary>
internal sealed class ReceptionDays(WuyeDb db, TimeProvider clock, UserNames names, Notifier notifier)
{
    public static readonly string[] Hosts = CareRoles.Publishers;

    public async Task<IQueryable<ReceptionDay>> VisibleAsync(CancellationToken ct)
    {
        if (!CareRoles.IsOwner(db.Scope))
            return db.Set<ReceptionDay>().AsNoTracking();
        var projects = await db.OwnUnitRefs().Select(u => u.ProjectId).Distinct().ToListAsync(ct);
        return db.Set<ReceptionDay>().IgnoreQueryFilters().AsNoTracking().Where(d => projects.Contains(d.ProjectId));
    }

    public async Task<List<ReceptionDayDto>> ListAsync(bool upcoming, CancellationToken ct)
    {
        var q = await VisibleAsync(ct);
        var now = clock.GetUtcNow();
        var ordered = upcoming ? q.Where(d => d.EndsAt > now).OrderBy(d => d.StartsAt) : q.OrderByDescending(d => d.StartsAt);
        var days = await ordered.ThenBy(d => d.Id).Take(50).ToListAsync(ct);
        var ids = days.Select(d => d.Id).ToList();
        var counts = await db.Set<ReceptionAppointment>()
            .IgnoreQueryFilters()
            .Where(a => ids.Contains(a.DayId))
            .GroupBy(a => a.DayId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return
        [
            .. days.Select(d => new ReceptionDayDto(
                d.Id,
                d.ProjectId,
                d.StartsAt,
                d.EndsAt,
                d.Place,
                d.HostName,
                counts.GetValueOrDefault(d.Id)
            )),
        ];
    }

    public IQueryable<ReceptionAppointmentDto> Appointments(Guid dayId, Guid? id = null)
    {
        var labels = db.UnitLabels();
        return db.Set<ReceptionAppointment>()
            .AsNoTracking()
            .Where(a => a.DayId == dayId && (id == null || a.Id == id))
            .OrderBy(a => a.CreatedAt)
            .ThenBy(a => a.Id)
            .Select(a => new ReceptionAppointmentDto(
                a.Id,
                a.DayId,
                a.UnitId,
                labels.Where(l => l.Id == a.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                a.Name,
                a.Topic,
                a.Outcome,
                a.OutcomeAt,
                a.OutcomeByName
            ));
    }

    public async Task<Guid> CreateAsync(NewReceptionDay input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (input.StartsAt!.Value <= clock.GetUtcNow())
            throw ValidationException.For("startsAt", "开始时间须晚于现在", "The start must be in the future");
        var day = new ReceptionDay
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            StartsAt = input.StartsAt.Value.ToUniversalTime(),
            EndsAt = input.EndsAt!.Value.ToUniversalTime(),
            Place = input.Place!.Trim(),
            HostUserId = db.Scope.UserId,
            HostName = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("项目经理", "Project manager"),
        };
        db.Add(day);
        await db.SaveChangesAsync(ct);
        return day.Id;
    }

    public async Task<Guid> BookAsync(Guid dayId, NewReceptionAppointment input, CancellationToken ct)
    {
        Validator.Check(input);
        var day = await (await VisibleAsync(ct)).FirstOrDefaultAsync(d => d.Id == dayId, ct)
            ?? throw new NotFoundException("reception day");
        if (day.StartsAt <= clock.GetUtcNow())
            throw new RuleException("reception.started", "接待已开始，不能再预约", "The reception has started; booking is closed");
        var unit = await CareHome.FindAsync(db, input.UnitId, ct);
        if (unit.ProjectId != day.ProjectId)
            throw ValidationException.For("unitId", "该房屋不在接待日所在项目", "This home is not in the reception day's project");
        if (await db.Set<ReceptionAppointment>().IgnoreQueryFilters().AnyAsync(a => a.DayId == day.Id && a.UnitId == unit.Id, ct))
            throw ValidationException.For("unitId", "该户已预约本次接待日", "This home has already booked this day");
        var name = await unit.HouseholdNameAsync(db, names, clock, ct);
        var appointment = new ReceptionAppointment
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            DayId = day.Id,
            Name = name,
            Topic = input.Topic!.Trim(),
            BookedByUserId = db.Scope.UserId,
        };
        db.Add(appointment);
        if (day.HostUserId is { } host)
            await notifier.NotifyAsync(
                [host],
                day.CompanyId,
                Loc.T("经理接待日新预约", "A reception-day appointment"),
                Loc.T($"{unit.Label}：{appointment.Topic}", $"{unit.Label}: {appointment.Topic}"),
                "/care/contact-plans",
                $"reception:{appointment.Id:N}",
                ct
            );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            throw ValidationException.For("unitId", "该户已预约本次接待日", "This home has already booked this day");
        }
        return appointment.Id;
    }

    public async Task RecordAsync(Guid dayId, Guid id, ReceptionOutcome input, CancellationToken ct)
    {
        Validator.Check(input);
        var a = await db.Set<ReceptionAppointment>().FirstOrDefaultAsync(x => x.Id == id && x.DayId == dayId, ct)
            ?? throw new NotFoundException("reception appointment");
        var by = (db.Scope.UserId is { } u ? await names.NameAsync(u, ct) : null) ?? Loc.T("项目经理", "Project manager");
        a.Record(input.Outcome!.Trim(), by, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        string[] readers = [.. CareRoles.Stewards, Roles.Owner];
        var g = api.MapGroup("/reception-days").WithTags("Customer care");
        g.MapGet("/", async (ReceptionDays r, bool? upcoming, CancellationToken ct) =>
                TypedResults.Ok(await r.ListAsync(upcoming ?? false, ct))
            )
            .RequireRoles(readers)
            .WithSummary("经理接待日 the reader may see (owners: their homes' projects), with the number of appointments");
        g.MapPost("/", async (ReceptionDays r, NewReceptionDay body, CancellationToken ct) =>
            {
                var id = await r.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/reception-days/{id}", (await r.ListAsync(true, ct)).First(d => d.Id == id));
            })
            .RequireRoles(Hosts)
            .WithSummary("Set a project's reception day: start, end, place (the caller hosts it)");
        g.MapGet("/{id:guid}/appointments", async (ReceptionDays r, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            {
                _ = await (await r.VisibleAsync(ct)).FirstOrDefaultAsync(d => d.Id == id, ct)
                    ?? throw new NotFoundException("reception day");
                return TypedResults.Ok(await r.Appointments(id).ToPagedAsync(page, pageSize, ct));
            })
            .RequireRoles(readers)
            .WithSummary("The appointments the reader may see (an owner: their homes')");
        g.MapPost("/{id:guid}/appointments", async (ReceptionDays r, Guid id, NewReceptionAppointment body, CancellationToken ct) =>
            {
                var a = await r.BookAsync(id, body, ct);
                return TypedResults.Created($"/api/v1/reception-days/{id}/appointments", await r.Appointments(id, a).FirstAsync(ct));
            })
            .RequireRoles([Roles.Owner, .. CareRoles.Stewards])
            .WithSummary("Book an appointment for a home (unitId, topic); once per home and day, before it starts");
        g.MapPost(
                "/{id:guid}/appointments/{appointmentId:guid}/outcome",
                async (ReceptionDays r, Guid id, Guid appointmentId, ReceptionOutcome body, CancellationToken ct) =>
                {
                    await r.RecordAsync(id, appointmentId, body, ct);
                    return TypedResults.Ok(await r.Appointments(id, appointmentId).FirstAsync(ct));
                }
            )
            .RequireRoles(Hosts)
            .WithSummary("Record what was agreed for an appointment (once)");
    }
}
