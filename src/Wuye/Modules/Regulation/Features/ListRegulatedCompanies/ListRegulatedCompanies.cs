using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ListRegulatedCompanies;

/// <summary>The companies under a regulator with their files: the regulator's (read only), or the caller's own company.</summary>
internal static class ListRegulatedCompaniesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/regulator/companies").WithTags("Regulation");
        g.MapGet("/", async (CompanyFileReads reads, int? page, int? pageSize, CancellationToken ct) =>
            {
                var paged = await reads.Companies().ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<RegulatedCompanyDto>(await reads.ToDtosAsync([.. paged.Items], ct), paged.Page, paged.PageSize, paged.Total)
                );
            })
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary(
                "Companies under a regulator with projects, committees, filings, contacts, staff certificates and the latest grade"
            );
        g.MapGet("/{id:guid}", async (CompanyFileReads reads, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await reads.OneAsync(id, ct))
            )
            .RequireRoles(RegulationRoles.Readers)
            .WithSummary("One company's file");
    }
}
