using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.SafetyIndicators;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.RecordSafetyEvent;

internal sealed record SafetyEventInput(
    Guid? ProjectId,
    SafetyEventKind? Kind,
    bool? Major,
    DateTimeOffset? OccurredAt,
    string? Location,
    string? Description,
    Guid? IncidentId
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("kind", Kind, "类别", "Kind")
            .Required("occurredAt", OccurredAt, "发生时间", "When")
            .MaxLength("location", Location, 200, "地点", "Location")
            .Required("description", Description, "经过", "What happened")
            .MaxLength("description", Description, 1000, "经过", "What happened");
}

/// <summary>Security, the monitoring centre or a manager records a security incident, criminal case, fire alarm or fire.</summary>
internal sealed class RecordSafetyEventHandler(WuyeDb db, TimeProvider clock, Actors actors)
{
    public async Task<Guid> RecordAsync(SafetyEventInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (input.IncidentId is { } incident && !await db.Set<Incident>().AnyAsync(i => i.Id == incident && i.ProjectId == project.Id, ct))
            throw ValidationException.For("incidentId", "该项目没有这个突发事件", "No such incident at this project");
        var (me, name) = await actors.MeAsync(ct);
        var e = SafetyEvent.Record(
            project.CompanyId,
            project.Id,
            input.Kind!.Value,
            input.Major ?? false,
            input.OccurredAt!.Value.ToUniversalTime(),
            input.Location,
            input.Description!,
            input.IncidentId,
            me,
            name,
            clock.GetUtcNow()
        );
        db.Add(e);
        await db.SaveChangesAsync(ct);
        return e.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/safety-events",
                async Task<Created<SafetyEventDto>> (
                    RecordSafetyEventHandler h,
                    SafetyReads reads,
                    SafetyEventInput body,
                    CancellationToken ct
                ) =>
                {
                    var id = await h.RecordAsync(body, ct);
                    return TypedResults.Created($"/api/v1/safety-events/{id}", await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.SafetyRecorders)
            .WithSummary("Record a security incident, criminal case (major or not), fire alarm or fire at a project");
    }
}
