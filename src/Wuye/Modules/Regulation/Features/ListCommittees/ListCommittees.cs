using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListCommittees;

/// <summary>The owners' committees the caller may see (the regulator's, or those over the caller's company), ending terms first.</summary>
internal static class ListCommitteesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/owners-committees").WithTags("Regulation");
        g.MapGet("/", async (WuyeDb db, CommitteeReads reads, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await CommitteeReads.Query(db, projectId).Select(c => c.Id).ToPagedAsync(page, pageSize, ct);
                var ids = paged.Items.ToList();
                var items = (await reads.ToDtosAsync(db.Set<OwnersCommittee>().AsNoTracking().Where(c => ids.Contains(c.Id)), ct))
                    .OrderBy(d => ids.IndexOf(d.Id))
                    .ToList();
                return TypedResults.Ok(new Paged<CommitteeDto>(items, paged.Page, paged.PageSize, paged.Total));
            })
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("Owners' committees with their projects, term and members, the term ending first");
        g.MapGet("/{id:guid}", async (CommitteeReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("One owners' committee");
        g.MapGet("/uncovered-projects", async (WuyeDb db, CommitteeReads reads, CancellationToken ct) =>
                TypedResults.Ok(await reads.UncoveredAsync(RegulationRoles.IsRegulator(db.Scope) ? OwnRegulator(db) : null, ct))
            )
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("The projects no owners' committee oversees (the regulator's companies', or the caller's company's)");
    }

    private static Guid? OwnRegulator(WuyeDb db) => db.Scope.Regulators.Length == 1 ? db.Scope.Regulators[0] : null;
}
