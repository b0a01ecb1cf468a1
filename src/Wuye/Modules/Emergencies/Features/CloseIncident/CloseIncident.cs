using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.CloseIncident;

internal sealed record CloseInput(string? Cause, string? Summary, string? OpenStepsReason) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("cause", Cause, "原因", "Cause")
            .MaxLength("cause", Cause, 500, "原因", "Cause")
            .Required("summary", Summary, "处置总结", "Summary")
            .MaxLength("summary", Summary, 2000, "处置总结", "Summary")
            .MaxLength("openStepsReason", OpenStepsReason, 500, "未完成原因", "Reason for open steps");
}

/// <summary>Closes an incident with its cause and summary; with steps still open only when a reason is given.</summary>
internal sealed class CloseIncidentHandler(WuyeDb db, TimeProvider clock, Actors actors)
{
    public async Task CloseAsync(Guid incidentId, CloseInput input, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().Include(i => i.Steps).FirstOrDefaultAsync(i => i.Id == incidentId, ct)
            ?? throw new NotFoundException("incident");
        var (_, name) = await actors.MeAsync(ct);
        var now = clock.GetUtcNow();
        incident.Close(input.Cause!, input.Summary!, input.OpenStepsReason, now);
        db.Add(
            IncidentEntry.For(
                incident,
                EntryKind.Closed,
                Loc.T($"结束：{input.Cause!.Trim()}", $"Closed: {input.Cause!.Trim()}"),
                name,
                now
            )
        );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/incidents/{id:guid}/close",
                async Task<Ok<IncidentDto>> (CloseIncidentHandler h, IncidentReads reads, Guid id, CloseInput body, CancellationToken ct) =>
                {
                    await h.CloseAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Close an incident with cause and summary; open steps need a reason");
    }
}
