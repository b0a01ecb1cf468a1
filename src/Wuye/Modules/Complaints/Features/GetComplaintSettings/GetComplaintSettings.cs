using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.GetComplaintSettings;

/// <summary>GET /complaint-settings/{projectId}: a project's complaint rules (its own, or the defaults).</summary>
internal static class GetComplaintSettings
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/complaint-settings")
            .WithTags("Complaints")
            .MapGet("/{projectId:guid}", async Task<Results<Ok<SettingsDto>, NotFound>> (WuyeDb db, Guid projectId, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => p.Id == projectId)
                    .Select(p => new { p.Id, p.CompanyId })
                    .FirstOrDefaultAsync(ct);
                // Staff of the project only: an owner living there sees the project, not its rules.
                if (project is null || !db.Scope.WorksAt(project.CompanyId, project.Id))
                    return TypedResults.NotFound();
                var own = await db.Set<ComplaintSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct);
                return TypedResults.Ok(SettingsDto.Of(own ?? ComplaintSettings.Defaults(project.CompanyId, project.Id), own is null));
            })
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary(
                "A project's complaint rules: reply promise in working days (business calendar), daily review time, escalation hours"
            );
}
