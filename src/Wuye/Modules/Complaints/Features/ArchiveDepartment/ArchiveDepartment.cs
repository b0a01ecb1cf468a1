using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.ArchiveDepartment;

/// <summary>
/// POST /complaint-departments/{code}/archive and /restore: a company manager retires a department
/// (it leaves intake; complaints that name it keep it) or brings it back.
/// </summary>
internal sealed class ArchiveDepartmentHandler(ComplaintDepartments departments, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/complaint-departments").WithTags("Complaints");
        g.MapPost(
                "/{code}/archive",
                async Task<Results<Ok<DepartmentDto>, NotFound>> (
                    WuyeDb db,
                    ArchiveDepartmentHandler handler,
                    Guid? companyId,
                    string code,
                    CancellationToken ct
                ) =>
                    await ComplaintDepartments.WritableAsync(db, companyId, ct) is { } company
                    && await handler.HandleAsync(company, code, true, ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound()
            )
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("Retire a department: it leaves intake; complaints that name it keep it");
        g.MapPost(
                "/{code}/restore",
                async Task<Results<Ok<DepartmentDto>, NotFound>> (
                    WuyeDb db,
                    ArchiveDepartmentHandler handler,
                    Guid? companyId,
                    string code,
                    CancellationToken ct
                ) =>
                    await ComplaintDepartments.WritableAsync(db, companyId, ct) is { } company
                    && await handler.HandleAsync(company, code, false, ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound()
            )
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("Bring a retired department back into use");
    }

    /// <summary>Null when the company has no such department.</summary>
    public async Task<DepartmentDto?> HandleAsync(Guid companyId, string code, bool archived, CancellationToken ct)
    {
        var rows = await departments.OwnRowsAsync(companyId, ct);
        if (rows.FirstOrDefault(x => x.Code == code) is not { } d)
            return null;
        d.Archive(rows, archived, clock.GetUtcNow());
        await departments.SaveAsync(ct);
        return ComplaintDepartments.Dto(d, false);
    }
}
