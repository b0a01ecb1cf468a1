using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListInspections;

internal sealed record InspectionSummaryDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    string InspectorName,
    string Place,
    DateTimeOffset CheckedAt,
    int Items,
    int Findings
);

/// <summary>Inspections the user may see, and one with its results.</summary>
internal static class ListInspectionsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspections").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? inspectorUserId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<Inspection>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(i => i.ProjectId == p);
                if (inspectorUserId is { } u)
                    q = q.Where(i => i.InspectorUserId == u);
                return TypedResults.Ok(
                    await q.OrderByDescending(i => i.CheckedAt)
                        .ThenByDescending(i => i.Id)
                        .Select(i => new InspectionSummaryDto(
                            i.Id,
                            i.ProjectId,
                            db.ProjectRefs().Where(x => x.Id == i.ProjectId).Select(x => x.Name).FirstOrDefault() ?? "",
                            i.InspectorName,
                            i.Place,
                            i.CheckedAt,
                            db.Set<InspectionResult>().Count(r => r.InspectionId == i.Id),
                            db.Set<Finding>().Count(f => f.InspectionId == i.Id)
                        ))
                        .ToPagedAsync(page, pageSize, ct)
                );
            })
            .WithSummary("Inspections the user may see, newest first");

        g.MapGet("/{id:guid}", async Task<Results<Ok<InspectionDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await InspectionViews.LoadAsync(db, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()
            )
            .WithSummary("One inspection with its results, findings and notices");
    }
}
