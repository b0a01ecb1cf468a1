using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListIncidents;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Modules.Emergencies.Features.TellResidents;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.StartIncident;

internal sealed record StartIncidentInput(Guid? PlanId, string? Location, List<Guid>? BuildingIds, string? Notice) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("planId", PlanId, "预案", "Plan")
            .MaxLength("location", Location, 200, "地点", "Location")
            .MaxLength("notice", Notice, 500, "告业主书", "Notice to residents");
}

/// <summary>
/// Someone on duty starts an incident from a plan (or a drill runs one): the version in force becomes its steps, the people holding the
/// steps' roles at the project are told at once (in-app, SMS, e-mail), and the affected buildings' residents when a notice is given.
/// </summary>
internal sealed class StartIncidentHandler(WuyeDb db, TimeProvider clock, Actors actors, Notifier notifier, ResidentNotices notices)
{
    public async Task<Incident> StartAsync(StartIncidentInput input, Guid? drillId, CancellationToken ct)
    {
        var plan = await db.Set<EmergencyPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.PlanId, ct)
            ?? throw ValidationException.For("planId", "预案不存在", "Plan not found");
        var version = await db.Set<PlanVersion>()
            .AsNoTracking()
            .FirstAsync(v => v.EmergencyPlanId == plan.Id && v.Number == plan.CurrentVersion, ct);
        var steps = await db.Set<PlanStep>().AsNoTracking().Where(s => s.PlanVersionId == version.Id).ToListAsync(ct);
        var buildings = (input.BuildingIds ?? []).Distinct().ToArray();
        if (buildings.Length > 0)
        {
            var known = await db.BuildingRefs().CountAsync(b => buildings.Contains(b.Id) && b.ProjectId == plan.ProjectId, ct);
            if (known != buildings.Length)
                throw ValidationException.For("buildingIds", "有楼栋不属于该预案的项目", "A building is not of the plan's project");
        }
        var (me, name) = await actors.MeAsync(ct);
        var now = clock.GetUtcNow();
        var incident = Incident.Start(plan, version, steps, drillId, input.Location, buildings, me, name, now);
        db.Add(incident);
        db.Add(
            IncidentEntry.For(
                incident,
                EntryKind.Started,
                Loc.T($"{(drillId is null ? "启动" : "演练启动")}：{version.Title}（第 {version.Number} 版）", $"Started: {version.Title}"),
                name,
                now
            )
        );
        var onCall = await actors.OnCallAsync([.. steps.Select(s => s.Role), Roles.ProjectManager], plan.CompanyId, plan.ProjectId, ct);
        var tag = drillId is null ? "突发事件" : "应急演练";
        await notifier.NotifyAsync(
            onCall.Where(u => u != me),
            plan.CompanyId,
            $"{tag}：{version.Title}",
            $"{name} 于 {ChinaTime.ToChina(now):HH:mm} 启动{(incident.Location is null ? "" : "（" + incident.Location + "）")}，请按预案处置并在手机上打勾。",
            IncidentReads.Link(incident.Id),
            $"incident:{incident.Id:N}",
            ct
        );
        if (!string.IsNullOrWhiteSpace(input.Notice) && buildings.Length > 0)
            await notices.TellAsync(incident, input.Notice, name, now, ct);
        await db.SaveChangesAsync(ct);
        return incident;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/incidents",
                async Task<Created<IncidentDto>> (
                    StartIncidentHandler h,
                    IncidentReads reads,
                    StartIncidentInput body,
                    CancellationToken ct
                ) =>
                {
                    var incident = await h.StartAsync(body, null, ct);
                    return TypedResults.Created($"/api/v1/incidents/{incident.Id}", await reads.OneAsync(incident.Id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OnDuty)
            .WithSummary("Start an incident from a plan: its steps are copied, the people on call are told at once");
    }
}
