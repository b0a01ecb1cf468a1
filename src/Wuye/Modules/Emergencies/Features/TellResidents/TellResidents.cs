using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.TellResidents;

internal sealed record NoticeInput(string? Text) : IValidatable
{
    public void Validate(Validator v) => v.Required("text", Text, "告业主书", "Notice").MaxLength("text", Text, 500, "告业主书", "Notice");
}

/// <summary>The residents of the incident's buildings are told through the notification channels; the timeline says when and how many.
/// </summary>
internal sealed class ResidentNotices(WuyeDb db, Actors actors, Notifier notifier, TimeProvider clock)
{
    public async Task<int> TellAsync(Incident incident, string text, string by, DateTimeOffset now, CancellationToken ct)
    {
        if (incident.BuildingIds.Length == 0)
            throw new RuleException(
                "incident.no_area",
                "事件没有登记受影响的楼栋，无法通知业主",
                "The incident names no affected building, so no resident can be told"
            );
        var residents = await actors.ResidentsAsync(incident.ProjectId, incident.BuildingIds, null, ct);
        var n = await db.Set<IncidentEntry>().CountAsync(e => e.IncidentId == incident.Id && e.Kind == EntryKind.Notice, ct);
        await notifier.NotifyAsync(
            residents,
            incident.CompanyId,
            $"{(incident.IsDrill ? "演练通知" : "紧急通知")}：{incident.Title}",
            text.Trim(),
            null,
            $"incident-notice:{incident.Id:N}:{n + 1}",
            ct
        );
        incident.ResidentsToldAt ??= now;
        db.Add(
            IncidentEntry.For(
                incident,
                EntryKind.Notice,
                Loc.T($"通知业主 {residents.Count} 户：{text.Trim()}", $"Told {residents.Count} residents: {text.Trim()}"),
                by,
                now
            )
        );
        return residents.Count;
    }

    public async Task<int> TellAsync(Guid incidentId, NoticeInput input, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == incidentId, ct) ?? throw new NotFoundException("incident");
        incident.EnsureOpen();
        var (_, name) = await actors.MeAsync(ct);
        var told = await TellAsync(incident, input.Text!, name, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return told;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/incidents/{id:guid}/notices",
                async Task<Ok<IncidentDto>> (ResidentNotices h, IncidentReads reads, Guid id, NoticeInput body, CancellationToken ct) =>
                {
                    await h.TellAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Tell the residents of the incident's buildings through the notification channels");
    }
}
