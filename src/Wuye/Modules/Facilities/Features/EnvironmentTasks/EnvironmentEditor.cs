using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnvironmentTasks;

internal sealed record EnvironmentZoneEdit(string? Name, EnvironmentWork? Work, Guid? ZoneId, Guid? TeamId, Guid? ResponsibleUserId)
    : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "责任区名称", "Zone name")
            .MaxLength("name", Name, 100, "责任区名称", "Zone name")
            .Required("work", Work, "作业类型", "Kind of work");
}

internal sealed record EnvironmentScheduleEdit(
    string? Name,
    EnvironmentWork? Work,
    string? Rule,
    int? TimesPerDay,
    bool? SkipNonWorkingDays,
    bool? PhotoRequired
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "作业名称", "Work name")
            .MaxLength("name", Name, 100, "作业名称", "Work name")
            .Required("work", Work, "作业类型", "Kind of work")
            .Required("rule", Rule, "重复规则", "Recurrence rule")
            .MaxLength("rule", Rule, 300, "重复规则", "Recurrence rule")
            .Range("timesPerDay", TimesPerDay, 1, 4, "每天次数", "Times per day");
        if (!string.IsNullOrWhiteSpace(Rule) && Recurrence.Problem(Rule) is { } p)
            v.Add("rule", p.Zh, p.En);
    }
}

/// <summary>
/// Editing and archiving responsibility zones and their schedules. An edit reaches only tasks not generated yet (the generator
/// copies the zone's team and person and the schedule's name, rounds and photo rule into each task when it makes it); an archived
/// zone or schedule generates nothing more, its tasks already made stay. Archiving a zone archives its schedules with it.
/// </summary>
internal sealed class EnvironmentEditor(WuyeDb db, TimeProvider clock, EnvironmentService service)
{
    private async Task<EnvironmentZone> ZoneAsync(Guid id, CancellationToken ct) =>
        await db.Set<EnvironmentZone>().FirstOrDefaultAsync(z => z.Id == id, ct) ?? throw new NotFoundException("environment zone");

    public async Task<EnvironmentZoneDto> EditZoneAsync(Guid id, EnvironmentZoneEdit body, CancellationToken ct)
    {
        var zone = await ZoneAsync(id, ct);
        if (zone.ArchivedAt is not null)
            throw new RuleException("environment_zone.archived", "该责任区已归档", "The zone is archived");
        var (team, responsible) = await service.ZonePeopleAsync(
            zone.CompanyId,
            zone.ProjectId,
            body.ZoneId,
            body.TeamId,
            body.ResponsibleUserId,
            ct
        );
        var name = body.Name!.Trim();
        if (await db.Set<EnvironmentZone>().AnyAsync(z => z.ProjectId == zone.ProjectId && z.Name == name && z.Id != zone.Id, ct))
            throw new RuleException(
                "environment_zone.duplicate_name",
                $"该项目已有责任区“{name}”",
                $"The project already has a zone \"{name}\""
            );
        zone.Name = name;
        zone.Work = body.Work!.Value;
        zone.ZoneId = body.ZoneId;
        zone.TeamId = team?.Id;
        zone.TeamName = team?.Name;
        zone.VendorId = team?.VendorId;
        zone.ResponsibleUserId = responsible;
        // The schedules' copy of the master-data zone follows, so its steward keeps seeing the zone's new tasks.
        await db.Set<EnvironmentSchedule>().Where(s => s.EnvironmentZoneId == zone.Id).ForEachAsync(s => s.ZoneId = zone.ZoneId, ct);
        await db.SaveChangesAsync(ct);
        return (await service.ZonesAsync(db.Set<EnvironmentZone>().Where(z => z.Id == zone.Id), ct))[0];
    }

    public async Task<EnvironmentZoneDto> ArchiveZoneAsync(Guid id, CancellationToken ct)
    {
        var zone = await ZoneAsync(id, ct);
        if (zone.ArchivedAt is not null)
            throw new RuleException("environment_zone.archived", "该责任区已归档", "The zone is archived");
        var now = clock.GetUtcNow();
        zone.ArchivedAt = now.ToUniversalTime();
        await db.Set<EnvironmentSchedule>()
            .Where(s => s.EnvironmentZoneId == zone.Id && s.ArchivedAt == null)
            .ForEachAsync(s => s.Archive(now), ct);
        await db.SaveChangesAsync(ct);
        return (await service.ZonesAsync(db.Set<EnvironmentZone>().Where(z => z.Id == zone.Id), ct))[0];
    }

    private async Task<EnvironmentSchedule> ScheduleAsync(Guid id, CancellationToken ct) =>
        await db.Set<EnvironmentSchedule>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("environment schedule");

    public async Task<EnvironmentScheduleDto> EditScheduleAsync(Guid id, EnvironmentScheduleEdit body, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(id, ct);
        var name = body.Name!.Trim();
        if (
            await db.Set<EnvironmentSchedule>()
                .AnyAsync(s => s.EnvironmentZoneId == schedule.EnvironmentZoneId && s.Name == name && s.Id != schedule.Id, ct)
        )
            throw new RuleException("environment_schedule.duplicate_name", $"该责任区已有作业“{name}”", $"The zone already has \"{name}\"");
        schedule.Edit(
            name,
            body.Work!.Value,
            body.Rule!,
            body.TimesPerDay ?? schedule.TimesPerDay,
            body.SkipNonWorkingDays ?? schedule.SkipNonWorkingDays,
            body.PhotoRequired ?? schedule.PhotoRequired
        );
        await db.SaveChangesAsync(ct);
        return EnvironmentService.ToDto(schedule);
    }

    public async Task<EnvironmentScheduleDto> ArchiveScheduleAsync(Guid id, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(id, ct);
        schedule.Archive(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return EnvironmentService.ToDto(schedule);
    }

    public static void Map(RouteGroupBuilder api)
    {
        var zones = api.MapGroup("/environment-zones").WithTags("Facilities").RequireRoles(FacilitiesRoles.Planners);
        zones
            .MapPut("/{id:guid}", async (EnvironmentEditor editor, Guid id, EnvironmentZoneEdit body, CancellationToken ct) =>
                TypedResults.Ok(await editor.EditZoneAsync(id, body, ct))
            )
            .WithSummary("Edit a responsibility zone (name, work, 片区, team, person): tasks not generated yet follow, made ones stay");
        zones
            .MapPost("/{id:guid}/archive", async (EnvironmentEditor editor, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await editor.ArchiveZoneAsync(id, ct))
            )
            .WithSummary("Archive a responsibility zone and its schedules: no new tasks; tasks already made stay");
        var schedules = api.MapGroup("/environment-schedules").WithTags("Facilities").RequireRoles(FacilitiesRoles.Planners);
        schedules
            .MapPut("/{id:guid}", async (EnvironmentEditor editor, Guid id, EnvironmentScheduleEdit body, CancellationToken ct) =>
                TypedResults.Ok(await editor.EditScheduleAsync(id, body, ct))
            )
            .WithSummary("Edit a schedule (name, work, RRULE, rounds, photo): only days not generated yet follow the new terms");
        schedules
            .MapPost("/{id:guid}/archive", async (EnvironmentEditor editor, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await editor.ArchiveScheduleAsync(id, ct))
            )
            .WithSummary("Archive a schedule: no new tasks; tasks already made stay");
    }
}
