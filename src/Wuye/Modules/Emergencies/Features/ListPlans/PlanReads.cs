using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.ListPlans;

internal sealed record PlanStepDto(int Position, string Action, string Role, string RoleName, int TargetMinutes);

internal sealed record PlanContactDto(int Position, string Name, string Phone);

internal sealed record PlanVersionDto(int Number, string Title, string? Note, string AuthorName, DateTimeOffset PublishedAt);

internal sealed record PlanDto(
    Guid Id,
    Guid ProjectId,
    string Project,
    PlanKind Kind,
    string KindName,
    string Title,
    int CurrentVersion,
    DateTimeOffset? ArchivedAt,
    IReadOnlyList<PlanStepDto> Steps,
    IReadOnlyList<PlanContactDto> Contacts,
    IReadOnlyList<PlanVersionDto> Versions
);

/// <summary>Plans as the pages and the API show them: the version in force, and the list of versions.</summary>
internal sealed class PlanReads(WuyeDb db)
{
    public async Task<List<PlanDto>> ListAsync(IQueryable<EmergencyPlan> plans, bool withVersions, CancellationToken ct)
    {
        var rows = await (
            from p in plans
            join pr in db.ProjectRefs() on p.ProjectId equals pr.Id
            select new { Plan = p, Project = pr.Name }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Plan.Id).ToList();
        var versions = await db.Set<PlanVersion>()
            .AsNoTracking()
            .Where(v => ids.Contains(v.EmergencyPlanId))
            .OrderByDescending(v => v.Number)
            .ToListAsync(ct);
        var current = rows.Select(r => versions.FirstOrDefault(v => v.EmergencyPlanId == r.Plan.Id && v.Number == r.Plan.CurrentVersion))
            .Where(v => v is not null)
            .Select(v => v!.Id)
            .ToList();
        var steps = (
            await db.Set<PlanStep>().AsNoTracking().Where(s => current.Contains(s.PlanVersionId)).OrderBy(s => s.Position).ToListAsync(ct)
        ).ToLookup(s => s.PlanVersionId);
        var contacts = (
            await db.Set<PlanContact>()
                .AsNoTracking()
                .Where(c => current.Contains(c.PlanVersionId))
                .OrderBy(c => c.Position)
                .ToListAsync(ct)
        ).ToLookup(c => c.PlanVersionId);
        return
        [
            .. rows.Select(r =>
            {
                var mine = versions.Where(v => v.EmergencyPlanId == r.Plan.Id).ToList();
                var now = mine.FirstOrDefault(v => v.Number == r.Plan.CurrentVersion);
                return new PlanDto(
                    r.Plan.Id,
                    r.Plan.ProjectId,
                    r.Project,
                    r.Plan.Kind,
                    EmergencyText.Kind(r.Plan.Kind),
                    r.Plan.Title,
                    r.Plan.CurrentVersion,
                    r.Plan.ArchivedAt,
                    now is null
                        ? []
                        :
                        [
                            .. steps[now.Id]
                                .Select(s => new PlanStepDto(s.Position, s.Action, s.Role, EmergencyText.Role(s.Role), s.TargetMinutes)),
                        ],
                    now is null ? [] : [.. contacts[now.Id].Select(c => new PlanContactDto(c.Position, c.Name, c.Phone))],
                    withVersions ? [.. mine.Select(v => new PlanVersionDto(v.Number, v.Title, v.Note, v.AuthorName, v.PublishedAt))] : []
                );
            }),
        ];
    }

    public async Task<PlanDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(db.Set<EmergencyPlan>().AsNoTracking().Where(p => p.Id == id), true, ct)).FirstOrDefault()
        ?? throw new NotFoundException("emergency plan");

    /// <summary>The plans in force of the projects the reader sees, by project and kind.</summary>
    public IQueryable<EmergencyPlan> InForce(Guid? projectId, PlanKind? kind) =>
        db.Set<EmergencyPlan>()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && (projectId == null || p.ProjectId == projectId) && (kind == null || p.Kind == kind))
            .OrderBy(p => p.ProjectId)
            .ThenBy(p => p.Kind)
            .ThenBy(p => p.Title)
            .ThenBy(p => p.Id);
}

/// <summary>The plans of the projects the reader may see, and one plan with its versions.</summary>
internal static class ListPlansEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/emergency-plans").WithTags("Emergencies");
        g.MapGet("/", async (PlanReads reads, Guid? projectId, EnumQuery<PlanKind>? kind, CancellationToken ct) =>
                TypedResults.Ok(await reads.ListAsync(reads.InForce(projectId, kind?.Value).Take(200), false, ct))
            )
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("Emergency plans in force with their steps and contacts");
        g.MapGet("/{id:guid}", async (PlanReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(EmergencyRoles.Readers)
            .WithSummary("One emergency plan: the version in force and the list of versions");
    }
}
