using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.StartIncident;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.RunDrill;

/// <summary>A drill is run like an incident in drill mode: the plan's steps copied and timed, ticked on a phone.</summary>
internal sealed class RunDrillHandler(WuyeDb db, StartIncidentHandler starts)
{
    public async Task<Guid> StartAsync(Guid drillId, CancellationToken ct)
    {
        var drill = await db.Set<Drill>().FirstOrDefaultAsync(d => d.Id == drillId, ct) ?? throw new NotFoundException("drill");
        if (drill.IncidentId is { } running)
            return running;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var incident = await starts.StartAsync(
            new StartIncidentInput(drill.EmergencyPlanId, Loc.T("演练", "Drill"), [], null),
            drill.Id,
            ct
        );
        drill.Started(incident.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return incident.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/drills/{id:guid}/start",
                async Task<Created<IncidentDto>> (RunDrillHandler h, IncidentReads reads, Guid id, CancellationToken ct) =>
                {
                    var incident = await h.StartAsync(id, ct);
                    return TypedResults.Created($"/api/v1/incidents/{incident}", await reads.OneAsync(incident, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Run a drill: an incident in drill mode whose steps are timed like a real one");
    }
}
