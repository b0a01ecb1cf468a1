using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Companies;

internal sealed record CompanyDto(
    Guid Id,
    string Name,
    string? CreditCode,
    string? ContactPhone,
    Guid? RegulatorId,
    int Projects,
    bool Archived
);

internal sealed record CompanyInput(string? Name, string? CreditCode, string? ContactPhone, Guid? RegulatorId) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "公司名称", "Name")
            .MaxLength("name", Name, 100, "公司名称", "Name")
            .MaxLength("creditCode", CreditCode, 18, "统一社会信用代码", "Credit code")
            .Phone("contactPhone", ContactPhone);
}

/// <summary>/api/v1/companies: the property companies the user may see; the platform admin registers new ones (then invites the first
/// manager, /api/v1/invitations).</summary>
internal static class Companies
{
    private static IQueryable<CompanyDto> List(WuyeDb db, string? q)
    {
        var query = db.Companies().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(c => c.Name.Contains(q.Trim()));
        return Dto(db, query.OrderBy(c => c.Name).ThenBy(c => c.Id));
    }

    private static IQueryable<CompanyDto> Dto(WuyeDb db, IQueryable<Domain.Company> q) =>
        q.Select(c => new CompanyDto(
            c.Id,
            c.Name,
            c.CreditCode,
            c.ContactPhone,
            c.RegulatorId,
            db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null),
            c.ArchivedAt != null
        ));

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/companies").WithTags("Companies");
        g.MapGet("/", async (WuyeDb db, string? q, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await List(db, q).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Companies the user may see");
        g.MapGet("/export", (WuyeDb db, string? q, string? format, CancellationToken ct) =>
                Registers.ExportAsync(
                    List(db, q),
                    format,
                    "物业公司",
                    "companies",
                    [
                        new("公司名称", "Name", c => c.Name),
                        new("统一社会信用代码", "Credit code", c => c.CreditCode),
                        new("联系电话", "Phone", c => c.ContactPhone),
                        new("项目数", "Projects", c => c.Projects.ToString()),
                    ],
                    ct
                )
            )
            .WithSummary("The company list as .xlsx or .csv");
        g.MapPost("/", async Task<Created<CompanyDto>> (WuyeDb db, CompanyInput body, CancellationToken ct) =>
            {
                var name = body.Name!.Trim();
                if (await db.Companies().AnyAsync(c => c.Name == name, ct))
                    throw ValidationException.For("name", "已有同名的物业公司", "A company of that name exists");
                if (body.RegulatorId is { } r && !await db.Set<Domain.Regulator>().AnyAsync(x => x.Id == r, ct))
                    throw ValidationException.For("regulatorId", "主管部门不存在", "No such regulator");
                var company = new Domain.Company
                {
                    Name = name,
                    RegulatorId = body.RegulatorId,
                    CreditCode = string.IsNullOrWhiteSpace(body.CreditCode) ? null : body.CreditCode.Trim(),
                    ContactPhone = string.IsNullOrWhiteSpace(body.ContactPhone) ? null : body.ContactPhone.Trim(),
                };
                db.Add(company);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(
                    $"/api/v1/companies/{company.Id}",
                    await Dto(db, db.Companies().AsNoTracking().Where(c => c.Id == company.Id)).FirstAsync(ct)
                );
            })
            .RequireRoles(Roles.PlatformAdmin)
            .WithSummary("Register a property company (platform admin)");
        g.MapOne((db, id, ct) => Dto(db, db.Companies().AsNoTracking().Where(c => c.Id == id)).FirstOrDefaultAsync(ct), "One company");
    }
}
