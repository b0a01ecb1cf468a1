using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.EndPlan;

/// <summary>End a plan after this month: past months keep their requirements.</summary>
internal static class EndPlanEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspection-plans").WithTags("Inspections");

        g.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
            {
                var plan = await db.Set<InspectionPlan>().FirstOrDefaultAsync(p => p.Id == id, ct);
                if (plan is null)
                    return TypedResults.NotFound();
                plan.EndAfter(Qpi.MonthOf(ChinaTime.Today(clock)));
                await db.SaveChangesAsync(ct);
                return TypedResults.NoContent();
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("End a plan after this month");
    }
}
