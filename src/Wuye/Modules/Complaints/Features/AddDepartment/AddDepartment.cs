using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.AddDepartment;

/// <summary>POST /complaint-departments: a company manager adds a department (the API and the settings page).</summary>
internal sealed class AddDepartmentHandler(WuyeDb db, ComplaintDepartments departments)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/complaint-departments")
            .WithTags("Complaints")
            .MapPost(
                "/",
                async Task<Results<Created<DepartmentDto>, NotFound>> (
                    WuyeDb db,
                    AddDepartmentHandler handler,
                    DepartmentInput body,
                    CancellationToken ct
                ) =>
                {
                    if (await ComplaintDepartments.WritableAsync(db, body.CompanyId, ct) is not { } company)
                        return TypedResults.NotFound();
                    var d = await handler.HandleAsync(company, body, ct);
                    return TypedResults.Created($"/api/v1/complaint-departments/{d.Code}?companyId={company}", d);
                }
            )
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("Add a department (code optional: one is made up when absent)");

    public async Task<DepartmentDto> HandleAsync(Guid companyId, DepartmentInput input, CancellationToken ct)
    {
        var rows = await departments.OwnRowsAsync(companyId, ct);
        var code = string.IsNullOrWhiteSpace(input.Code) ? "d" + Guid.NewGuid().ToString("N")[..8] : input.Code.Trim();
        var d = ComplaintDepartment.Add(
            rows,
            companyId,
            code,
            input.Name!.Trim(),
            ComplaintDepartments.Clean(input.NameEn),
            input.SortOrder
        );
        db.Add(d);
        await departments.SaveAsync(ct);
        return ComplaintDepartments.Dto(d, false);
    }
}
