using Microsoft.AspNetCore.Http.HttpResults;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorStars;

/// <summary>/api/v1/vendor-star-employees (000#17).</summary>
internal static class VendorStarEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var stars = api.MapGroup("/vendor-star-employees").WithTags("Facilities");
        stars
            .MapGet("/", async (VendorStarService service, Guid? projectId, string? month, Guid? vendorId, CancellationToken ct) =>
                TypedResults.Ok(await service.ListAsync(projectId, Month(month), vendorId, ct))
            )
            .RequireRoles(FacilitiesRoles.VendorReaders)
            .WithSummary("Best vendor employees of the month (a project, a month yyyy-MM, a vendor), latest month first");
        stars
            .MapGet(
                "/nominees",
                async (VendorStarNominees nominees, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
                {
                    if (projectId is null)
                        throw ValidationException.For("projectId", "请选择项目", "Choose a project");
                    return TypedResults.Ok(await nominees.ForAsync(projectId.Value, Month(month) ?? ChinaTime.Today(clock), ct));
                }
            )
            .RequireRoles(FacilitiesRoles.VendorReaders)
            .WithSummary("The month's nominees of a project's vendor crews, suggested from records (tasks on time, spot checks, QPI)");
        stars
            .MapPost("/", async Task<Created<VendorStarDto>> (VendorStarService service, VendorStarInput body, CancellationToken ct) =>
            {
                var s = await service.NameAsync(body, ct);
                return TypedResults.Created($"/api/v1/vendor-star-employees?projectId={s.ProjectId}&month={s.Month}", s);
            })
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Name the project's best vendor employee of a month (one a month) with the reason");
    }

    private static DateOnly? Month(string? month) =>
        month is null ? null
        : VendorStarInput.ParseMonth(month) is { } m ? m
        : throw ValidationException.For("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
}
