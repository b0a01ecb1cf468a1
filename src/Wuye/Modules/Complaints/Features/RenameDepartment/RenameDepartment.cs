using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.RenameDepartment;

/// <summary>PUT /complaint-departments/{code}: a company manager renames or reorders a department (the code stays).</summary>
internal sealed class RenameDepartmentHandler(ComplaintDepartments departments)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/complaint-departments")
            .WithTags("Complaints")
            .MapPut(
                "/{code}",
                async Task<Results<Ok<DepartmentDto>, NotFound>> (
                    WuyeDb db,
                    RenameDepartmentHandler handler,
                    string code,
                    DepartmentInput body,
                    CancellationToken ct
                ) =>
                    await ComplaintDepartments.WritableAsync(db, body.CompanyId, ct) is { } company
                    && await handler.HandleAsync(company, code, body, ct) is { } d
                        ? TypedResults.Ok(d)
                        : TypedResults.NotFound()
            )
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("Rename or reorder a department (the code stays)");

    /// <summary>Null when the company has no such department.</summary>
    public async Task<DepartmentDto?> HandleAsync(Guid companyId, string code, DepartmentInput input, CancellationToken ct)
    {
        var rows = await departments.OwnRowsAsync(companyId, ct);
        if (rows.FirstOrDefault(x => x.Code == code) is not { } d)
            return null;
        d.Rename(rows, input.Name!.Trim(), ComplaintDepartments.Clean(input.NameEn), input.SortOrder);
        await departments.SaveAsync(ct);
        return ComplaintDepartments.Dto(d, false);
    }
}
