using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListDrills;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.ScheduleDrill;

internal sealed record ScheduleDrillInput(Guid? PlanId, DateTimeOffset? ScheduledFor) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("planId", PlanId, "预案", "Plan").Required("scheduledFor", ScheduledFor, "演练时间", "When");
}

/// <summary>A manager schedules a drill of a plan.</summary>
internal sealed class ScheduleDrillHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<Guid> ScheduleAsync(ScheduleDrillInput input, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId, ct)
            ?? throw ValidationException.For("planId", "预案不存在", "Plan not found");
        if (input.ScheduledFor!.Value < clock.GetUtcNow().AddDays(-1))
            throw ValidationException.For("scheduledFor", "演练时间不能早于昨天", "A drill cannot be scheduled in the past");
        var drill = Drill.Schedule(plan, input.ScheduledFor.Value);
        db.Add(drill);
        await db.SaveChangesAsync(ct);
        return drill.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/drills",
                async Task<Created<DrillDto>> (ScheduleDrillHandler h, DrillReads reads, ScheduleDrillInput body, CancellationToken ct) =>
                {
                    var id = await h.ScheduleAsync(body, ct);
                    return TypedResults.Created($"/api/v1/drills/{id}", await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.Managers)
            .WithSummary("Schedule a drill of a plan");
    }
}
