using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.ListDrills;

internal sealed record DrillActionDto(
    Guid Id,
    string Finding,
    Guid? OwnerUserId,
    string OwnerName,
    DateOnly DueOn,
    DateTimeOffset? DoneAt,
    bool Overdue
);

internal sealed record DrillDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    Guid EmergencyPlanId,
    PlanKind Kind,
    string KindName,
    string Title,
    DateTimeOffset ScheduledFor,
    Guid? IncidentId,
    IReadOnlyList<string> Participants,
    string? Summary,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<DrillActionDto> Actions
);

/// <summary>A plan's drill status: the last completed drill, the next due date by its kind's frequency, the next scheduled one.</summary>
internal sealed record DrillDueDto(
    Guid PlanId,
    Guid ProjectId,
    string Project,
    string Title,
    PlanKind Kind,
    int EveryMonths,
    DateTimeOffset? LastDrill,
    DateTimeOffset DueAt,
    DateTimeOffset? Scheduled,
    bool Overdue
);

internal sealed class DrillReads(WuyeDb db, TimeProvider clock, IOptions<EmergenciesOptions> options)
{
    public const string ListLink = "/emergencies/drills";

    public static string Link(Guid id) => $"/emergencies/drills/{id}";

    public async Task<List<DrillDto>> ListAsync(IQueryable<Drill> drills, CancellationToken ct)
    {
        var rows = await (
            from d in drills
            join p in db.ProjectRefs() on d.ProjectId equals p.Id
            select new { Drill = d, Project = p.Name }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Drill.Id).ToList();
        var actions = (
            await db.Set<DrillAction>()
                .AsNoTracking()
                .Where(a => ids.Contains(a.DrillId))
                .OrderBy(a => a.DueOn)
                .ThenBy(a => a.Id)
                .ToListAsync(ct)
        ).ToLookup(a => a.DrillId);
        var today = ChinaTime.Today(clock);
        return
        [
            .. rows.Select(r => new DrillDto(
                r.Drill.Id,
                r.Drill.ProjectId,
                r.Project,
                r.Drill.EmergencyPlanId,
                r.Drill.Kind,
                EmergencyText.Kind(r.Drill.Kind),
                r.Drill.Title,
                r.Drill.ScheduledFor,
                r.Drill.IncidentId,
                r.Drill.Participants,
                r.Drill.Summary,
                r.Drill.CompletedAt,
                [
                    .. actions[r.Drill.Id]
                        .Select(a => new DrillActionDto(
                            a.Id,
                            a.Finding,
                            a.OwnerUserId,
                            a.OwnerName,
                            a.DueOn,
                            a.DoneAt,
                            a.DoneAt is null && a.DueOn < today
                        )),
                ]
            )),
        ];
    }

    public async Task<DrillDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<Drill>().AsNoTracking().Where(d => d.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("drill");

    public IQueryable<Drill> Recent(Guid? projectId) =>
        db.Set<Drill>()
            .AsNoTracking()
            .Where(d => projectId == null || d.ProjectId == projectId)
            .OrderByDescending(d => d.ScheduledFor)
            .ThenBy(d => d.Id);

    /// <summary>Every plan in force of the reader's projects with its drill status, overdue first.</summary>
    public async Task<List<DrillDueDto>> DueAsync(Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var drills = db.Set<Drill>();
        var rows = await (
            from p in db.Set<EmergencyPlan>().AsNoTracking()
            where p.ArchivedAt == null && (projectId == null || p.ProjectId == projectId)
            join pr in db.ProjectRefs() on p.ProjectId equals pr.Id
            orderby p.ProjectId, p.Kind, p.Id
            select new
            {
                p.Id,
                p.ProjectId,
                Project = pr.Name,
                p.Title,
                p.Kind,
                p.CreatedAt,
                Last = drills.Where(d => d.EmergencyPlanId == p.Id && d.CompletedAt != null).Max(d => d.CompletedAt),
                Next = drills.Where(d => d.EmergencyPlanId == p.Id && d.CompletedAt == null).Min(d => (DateTimeOffset?)d.ScheduledFor),
            }
        )
            .Take(500)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r =>
                {
                    var months = o.DrillMonths(r.Kind);
                    var due = Drill.NextDue(r.Last, r.CreatedAt, months);
                    return new DrillDueDto(r.Id, r.ProjectId, r.Project, r.Title, r.Kind, months, r.Last, due, r.Next, due < now);
                })
                .OrderByDescending(d => d.Overdue)
                .ThenBy(d => d.DueAt),
        ];
    }
}

internal static class ListDrillsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/drills").WithTags("Emergencies");
        g.MapGet("/", async (DrillReads reads, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await reads.ListAsync(reads.Recent(projectId).Take(100), ct))
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Drills, newest first, with their findings' actions");
        g.MapGet("/due", async (DrillReads reads, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await reads.DueAsync(projectId, ct))
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Each plan in force with its last drill, the next due by its kind's frequency, and whether overdue");
        g.MapGet("/{id:guid}", async (DrillReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("One drill with its participants, summary and actions");
    }
}
