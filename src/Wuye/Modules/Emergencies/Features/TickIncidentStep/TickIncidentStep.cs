using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.TickIncidentStep;

internal sealed record TickInput(string? Note) : IValidatable
{
    public void Validate(Validator v) => v.MaxLength("note", Note, 500, "备注", "Note");
}

/// <summary>A step is ticked once, with the server's time and who did it; a second tick is a 409 that says who did it when.</summary>
internal sealed class TickIncidentStepHandler(WuyeDb db, TimeProvider clock, Actors actors)
{
    public async Task TickAsync(Guid incidentId, int position, TickInput input, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().Include(i => i.Steps).FirstOrDefaultAsync(i => i.Id == incidentId, ct)
            ?? throw new NotFoundException("incident");
        var (me, name) = await actors.MeAsync(ct);
        var now = clock.GetUtcNow();
        var step = incident.Tick(position, me, name, input.Note, now);
        var late = incident.IsLate(step, now);
        db.Add(
            IncidentEntry.For(
                incident,
                EntryKind.Step,
                Loc.T(
                    $"完成第 {position} 步：{step.Action}{(late ? "（超时）" : "")}",
                    $"Step {position} done: {step.Action}{(late ? " (late)" : "")}"
                ),
                name,
                now
            )
        );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/incidents/{id:guid}/steps/{position:int}/done",
                async Task<Ok<IncidentDto>> (
                    TickIncidentStepHandler h,
                    IncidentReads reads,
                    Guid id,
                    int position,
                    TickInput body,
                    CancellationToken ct
                ) =>
                {
                    await h.TickAsync(id, position, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Tick a step of an incident: its time and who did it; late against its target when past it");
    }
}
