using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListConductRecords;

/// <summary>Conduct records the caller may see (the regulator's companies, or the caller's own company), newest first.</summary>
internal static class ListConductRecordsEndpoints
{
    public static IQueryable<ConductRecord> Query(WuyeDb db, Guid? companyId, ConductKind? kind) =>
        db.Set<ConductRecord>()
            .AsNoTracking()
            .Where(r => (companyId == null || r.CompanyId == companyId) && (kind == null || r.Kind == kind))
            .OrderByDescending(r => r.OccurredOn)
            .ThenByDescending(r => r.Id);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/conduct-records").WithTags("Regulation");
        g.MapGet(
                "/",
                async (WuyeDb db, ConductReads reads, Guid? companyId, ConductKind? kind, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var paged = await Query(db, companyId, kind).Select(r => r.Id).ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.ToList();
                    var items = (await reads.ToDtosAsync(db.Set<ConductRecord>().AsNoTracking().Where(r => ids.Contains(r.Id)), ct))
                        .OrderBy(d => ids.IndexOf(d.Id))
                        .ToList();
                    return TypedResults.Ok(new Paged<ConductRecordDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("Conduct records: a regulator's companies', or the caller's own company's");
        g.MapGet("/{id:guid}", async (ConductReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("One conduct record with its state, objection and decision");
    }
}
