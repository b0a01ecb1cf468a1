using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListInspectors;

/// <summary>Who can be given a plan at each inspector level of a company.</summary>
internal static class ListInspectorsEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspection-plans").WithTags("Inspections");

        g.MapGet("/inspectors", async (WuyeDb db, Guid? companyId, string? level, CancellationToken ct) =>
            {
                InspectorLevel? lv = null;
                if (level is not null)
                {
                    if (!Qpi.TryParse(Qpi.Levels, level, out InspectorLevel parsed))
                        throw ValidationException.For(
                            "level",
                            $"未知的核查层级“{level}”，可选：{Qpi.Allowed(Qpi.Levels)}",
                            $"Unknown level \"{level}\"; known: {Qpi.Allowed(Qpi.Levels)}"
                        );
                    lv = parsed;
                }
                return TypedResults.Ok(await QpiStaff.InspectorsAsync(db, Qpi.ActingCompany(db, companyId), lv, ct));
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary(
                "Who can inspect at each level of the company: management, quality department, project heads, supervisors, team leaders"
            );
    }
}
