using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Complaints.Features.ListDepartments;

/// <summary>GET /complaint-departments: a company's departments (the defaults until a company manager changes them).</summary>
internal static class ListDepartments
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/complaint-departments")
            .WithTags("Complaints")
            .MapGet(
                "/",
                async Task<Results<Ok<List<DepartmentDto>>, NotFound>> (
                    WuyeDb db,
                    ComplaintDepartments svc,
                    Guid? companyId,
                    bool? includeArchived,
                    CancellationToken ct
                ) =>
                    await ComplaintDepartments.CompanyAsync(db, companyId, ct) is { } company
                        ? TypedResults.Ok(await svc.ListAsync(company, includeArchived ?? false, ct))
                        : TypedResults.NotFound()
            )
            .RequireRoles(ComplaintRoles.Handlers)
            .WithSummary("The departments a company's complaints can concern (the defaults until a company manager changes them)");
}
