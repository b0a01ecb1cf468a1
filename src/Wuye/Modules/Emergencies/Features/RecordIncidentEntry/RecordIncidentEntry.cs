using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.RecordIncidentEntry;

internal enum EntryInputKind
{
    Note,
    Call,
}

internal sealed record EntryInput(EntryInputKind? Kind, string? Text) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("kind", Kind, "类型", "Kind").Required("text", Text, "内容", "Text").MaxLength("text", Text, 500, "内容", "Text");
}

/// <summary>A note, a photo or a call made (whom, which number) on the incident's timeline.</summary>
internal sealed class RecordIncidentEntryHandler(WuyeDb db, TimeProvider clock, Actors actors)
{
    public async Task RecordAsync(Guid incidentId, EntryInput input, Guid? photoId, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, ct) ?? throw new NotFoundException("incident");
        incident.EnsureOpen();
        var (_, name) = await actors.MeAsync(ct);
        var kind =
            photoId is not null ? EntryKind.Photo
            : input.Kind == EntryInputKind.Call ? EntryKind.Call
            : EntryKind.Note;
        db.Add(IncidentEntry.For(incident, kind, input.Text!.Trim(), name, clock.GetUtcNow(), photoId));
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/incidents/{id:guid}/entries",
                async Task<Created<IncidentDto>> (
                    RecordIncidentEntryHandler h,
                    IncidentReads reads,
                    Guid id,
                    EntryInput body,
                    CancellationToken ct
                ) =>
                {
                    await h.RecordAsync(id, body, null, ct);
                    return TypedResults.Created($"/api/v1/incidents/{id}", await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Add a note or a call made to an incident's timeline");
    }
}
