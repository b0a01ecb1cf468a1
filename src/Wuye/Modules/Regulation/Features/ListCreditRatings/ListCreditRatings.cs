using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListCreditRatings;

/// <summary>Published ratings the caller may see: a regulator's companies', or the caller's own company's history of grades.</summary>
internal static class ListCreditRatingsEndpoints
{
    public static IQueryable<CreditRating> Query(WuyeDb db, string? period, Guid? companyId) =>
        db.Set<CreditRating>()
            .AsNoTracking()
            .Where(r => (period == null || r.Period == period) && (companyId == null || r.CompanyId == companyId))
            .OrderByDescending(r => r.PeriodEnd)
            .ThenBy(r => r.Rank)
            .ThenBy(r => r.Id);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/credit-ratings", async (WuyeDb db, string? period, Guid? companyId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await Query(db, period?.Trim().ToUpperInvariant(), companyId).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<CreditRatingDto>([.. paged.Items.Select(CreditRatingDto.From)], paged.Page, paged.PageSize, paged.Total)
                );
            })
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("Published credit ratings, newest period first, by rank: filter by period or company for a grade history");
    }
}
