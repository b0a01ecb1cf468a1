using Wuye.Modules.MasterData.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features;

public sealed record CompanyDto(Guid Id, string Name, string? CreditCode, string? ContactPhone, Guid? RegulatorId, int Projects, bool Archived);

internal static class CompanyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/companies").WithTags("Companies");

        g.MapGet("/", async (WuyeDb db, string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Companies().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.Name.Contains(q.Trim()));
            return TypedResults.Ok(await query.OrderBy(c => c.Name)
                .Select(c => new CompanyDto(c.Id, c.Name, c.CreditCode, c.ContactPhone, c.RegulatorId,
                    db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null), c.ArchivedAt != null))
                .ToPagedAsync(page, pageSize, ct));
        }).WithSummary("Companies the user may see");

        g.MapGet("/export", (WuyeDb db, string? q, string? format, CancellationToken ct) =>
        {
            var query = db.Companies().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(c => c.Name.Contains(q.Trim()));
            return Api.ExportAsync(query.OrderBy(c => c.Name).Select(c => new CompanyDto(c.Id, c.Name, c.CreditCode, c.ContactPhone, c.RegulatorId,
                    db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null), c.ArchivedAt != null)), format, "物业公司", "companies",
                [Loc.T("公司名称", "Name"), Loc.T("统一社会信用代码", "Credit code"), Loc.T("联系电话", "Phone"), Loc.T("项目数", "Projects")],
                c => [c.Name, c.CreditCode, c.ContactPhone, c.Projects.ToString()], ct);
        }).WithSummary("The company list as .xlsx or .csv");

        g.MapGet("/{id:guid}", async Task<Results<Ok<CompanyDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            var c = await db.Companies().AsNoTracking().Where(c => c.Id == id)
                .Select(c => new CompanyDto(c.Id, c.Name, c.CreditCode, c.ContactPhone, c.RegulatorId,
                    db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null), c.ArchivedAt != null))
                .FirstOrDefaultAsync(ct);
            return c is null ? TypedResults.NotFound() : TypedResults.Ok(c);
        }).WithSummary("One company");
    }
}
