using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.ListIncidents;

internal sealed record IncidentStepDto(
    int Position,
    string Action,
    string Role,
    string RoleName,
    int TargetMinutes,
    DateTimeOffset DueAt,
    DateTimeOffset? DoneAt,
    string? DoneByName,
    string? Note,
    bool Late
);

internal sealed record IncidentEntryDto(DateTimeOffset At, EntryKind Kind, string Text, string ByName, Guid? FileId);

/// <summary>A service request raised in the incident's area while it was open.</summary>
internal sealed record LinkedRequestDto(Guid Id, string Number, string Status, string Description, DateTimeOffset OpenedAt);

/// <summary>A complaint received about the incident's area while it was open.</summary>
internal sealed record LinkedComplaintDto(string Number, string Description, bool Open, DateTimeOffset ReceivedAt);

internal sealed record IncidentDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    Guid EmergencyPlanId,
    int PlanVersion,
    PlanKind Kind,
    string KindName,
    string Title,
    Guid? DrillId,
    string? Location,
    IReadOnlyList<string> Buildings,
    DateTimeOffset StartedAt,
    string StartedByName,
    DateTimeOffset? ResidentsToldAt,
    DateTimeOffset? ClosedAt,
    string? Cause,
    string? Summary,
    string? OpenStepsReason,
    int Done,
    int Late,
    IReadOnlyList<IncidentStepDto> Steps,
    IReadOnlyList<IncidentEntryDto> Timeline,
    IReadOnlyList<LinkedRequestDto> Requests,
    IReadOnlyList<LinkedComplaintDto> Complaints
);

/// <summary>Incidents as the pages and the API show them, late steps flagged against the clock.</summary>
internal sealed class IncidentReads(WuyeDb db, TimeProvider clock, IServiceRequests requests, IUnitComplaints complaints)
{
    public static string Link(Guid id) => $"/emergencies/incidents/{id}";

    public async Task<List<IncidentDto>> ListAsync(IQueryable<Incident> incidents, bool withTimeline, CancellationToken ct)
    {
        var rows = await (
            from i in incidents.Include(i => i.Steps)
            join p in db.ProjectRefs() on i.ProjectId equals p.Id
            select new { Incident = i, Project = p.Name }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Incident.Id).ToList();
        var buildingIds = rows.SelectMany(r => r.Incident.BuildingIds).Distinct().ToList();
        var buildings = await db.BuildingRefs().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var entries = withTimeline
            ? (
                await db.Set<IncidentEntry>()
                    .AsNoTracking()
                    .Where(e => ids.Contains(e.IncidentId))
                    .OrderBy(e => e.At)
                    .ThenBy(e => e.Id)
                    .ToListAsync(ct)
            ).ToLookup(e => e.IncidentId)
            : null;
        var now = clock.GetUtcNow();
        var linked = new Dictionary<Guid, (List<LinkedRequestDto>, List<LinkedComplaintDto>)>();
        if (withTimeline)
            foreach (var i in rows.Select(r => r.Incident).Where(i => !i.IsDrill))
            {
                var to = i.ClosedAt ?? now;
                var reqs = await requests.RaisedDuringAsync(i.ProjectId, i.BuildingIds, i.StartedAt, to, ct);
                var comps = await complaints.RaisedDuringAsync(i.ProjectId, i.BuildingIds, i.StartedAt, to, ct);
                linked[i.Id] = (
                    [
                        .. reqs.Select(q => new LinkedRequestDto(
                            q.Id,
                            q.Number,
                            ServiceRequestText.StatusName(q.Status),
                            q.Description,
                            q.OpenedAt
                        )),
                    ],
                    [.. comps.Select(c => new LinkedComplaintDto(c.Number, c.Description, c.Open, c.ReceivedAt))]
                );
            }
        return
        [
            .. rows.Select(r =>
            {
                var i = r.Incident;
                var steps = i
                    .Steps.OrderBy(s => s.Position)
                    .Select(s => new IncidentStepDto(
                        s.Position,
                        s.Action,
                        s.Role,
                        EmergencyText.Role(s.Role),
                        s.TargetMinutes,
                        i.DueAt(s),
                        s.DoneAt,
                        s.DoneByName,
                        s.Note,
                        i.IsLate(s, now)
                    ))
                    .ToList();
                return new IncidentDto(
                    i.Id,
                    i.ProjectId,
                    r.Project,
                    i.EmergencyPlanId,
                    i.PlanVersion,
                    i.Kind,
                    EmergencyText.Kind(i.Kind),
                    i.Title,
                    i.DrillId,
                    i.Location,
                    [.. i.BuildingIds.Select(b => buildings.GetValueOrDefault(b, "?"))],
                    i.StartedAt,
                    i.StartedByName,
                    i.ResidentsToldAt,
                    i.ClosedAt,
                    i.Cause,
                    i.Summary,
                    i.OpenStepsReason,
                    steps.Count(s => s.DoneAt is not null),
                    steps.Count(s => s.Late),
                    steps,
                    entries is null ? [] : [.. entries[i.Id].Select(e => new IncidentEntryDto(e.At, e.Kind, e.Text, e.ByName, e.FileId))],
                    linked.TryGetValue(i.Id, out var l) ? l.Item1 : [],
                    linked.TryGetValue(i.Id, out var m) ? m.Item2 : []
                );
            }),
        ];
    }

    public async Task<IncidentDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<Incident>().AsNoTracking().Where(i => i.Id == id), true, ct)).FirstOrDefault()
        ?? throw new NotFoundException("incident");

    public IQueryable<Incident> Recent(Guid? projectId, bool? open, bool drills) =>
        db.Set<Incident>()
            .AsNoTracking()
            .Where(i =>
                (projectId == null || i.ProjectId == projectId)
                && (open == null || (i.ClosedAt == null) == open)
                && (i.DrillId != null) == drills
            )
            .OrderByDescending(i => i.StartedAt)
            .ThenBy(i => i.Id);
}

/// <summary>The incidents of the projects the reader may see, newest first; one incident with its steps and timeline.</summary>
internal static class ListIncidentsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/incidents").WithTags("Emergencies");
        g.MapGet("/", async (IncidentReads reads, Guid? projectId, bool? open, bool? drills, CancellationToken ct) =>
                TypedResults.Ok(await reads.ListAsync(reads.Recent(projectId, open, drills ?? false).Take(100), false, ct))
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Incidents (or drill runs), newest first, with their late steps counted");
        g.MapGet("/{id:guid}", async (IncidentReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("One incident: its steps (done, by whom, late) and its timeline");
        g.MapGet("/{id:guid}/steps", async (IncidentReads reads, Guid id, CancellationToken ct) =>
                TypedResults.Ok((await reads.OneAsync(id, ct)).Steps)
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("The steps of an incident with their due time, who ticked them when, and whether late");
    }
}
