using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListProblems;

/// <summary>The problem ledger the caller may see: the regulator's whole ledger, or the entries about the caller's company.</summary>
internal static class ListProblemsEndpoints
{
    public static IQueryable<ProblemLedgerEntry> Query(WuyeDb db, Guid? companyId, bool? closed) =>
        db.Set<ProblemLedgerEntry>()
            .AsNoTracking()
            .Where(e => (companyId == null || e.CompanyId == companyId) && (closed == null || (e.ClosedAt != null) == closed))
            .OrderBy(e => e.ClosedAt != null)
            .ThenBy(e => e.Deadline)
            .ThenBy(e => e.Id);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/problem-ledger").WithTags("Regulation");
        g.MapGet(
                "/",
                async (WuyeDb db, ProblemReads reads, Guid? companyId, bool? closed, int? page, int? pageSize, CancellationToken ct) =>
                {
                    var paged = await Query(db, companyId, closed).Select(e => e.Id).ToPagedAsync(page, pageSize, ct);
                    var ids = paged.Items.ToList();
                    var items = (await reads.ToDtosAsync(db.Set<ProblemLedgerEntry>().AsNoTracking().Where(e => ids.Contains(e.Id)), ct))
                        .OrderBy(d => ids.IndexOf(d.Id))
                        .ToList();
                    return TypedResults.Ok(new Paged<ProblemDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("Problem ledger entries, open first by deadline");
        g.MapGet("/{id:guid}", async (ProblemReads reads, Guid id, CancellationToken ct) => TypedResults.Ok(await reads.OneAsync(id, ct)))
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("One ledger entry with the company's answers");
    }
}
