using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.Emergencies.Features.ListOutages;
using Wuye.Modules.Emergencies.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.PlanOutage;

internal sealed record PlanOutageInput(
    Guid? ProjectId,
    OutageKind? Kind,
    List<Guid>? BuildingIds,
    List<Guid>? UnitIds,
    DateTimeOffset? StartsAt,
    DateTimeOffset? ExpectedEndAt,
    string? Reason,
    string? TemporaryWater
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("kind", Kind, "停水或停电", "Water or power")
            .Required("startsAt", StartsAt, "开始时间", "Start")
            .Required("expectedEndAt", ExpectedEndAt, "预计结束时间", "Expected end")
            .Required("reason", Reason, "原因", "Reason")
            .MaxLength("reason", Reason, 500, "原因", "Reason")
            .MaxLength("temporaryWater", TemporaryWater, 300, "临时供水安排", "Temporary water supply");
        if (BuildingIds is { Count: > 200 })
            v.Add("buildingIds", "最多 200 幢楼", "At most 200 buildings");
        if (UnitIds is { Count: > 2000 })
            v.Add("unitIds", "最多 2000 户", "At most 2000 units");
    }
}

/// <summary>The engineering side plans an outage of buildings and units of one project; the notice deadline is fixed from the lead time
/// in force (<c>Wuye:Emergencies:OutageNoticeHours</c>).</summary>
internal sealed class PlanOutageHandler(WuyeDb db, TimeProvider clock, Actors actors, IOptions<EmergenciesOptions> options)
{
    public async Task<Guid> PlanAsync(PlanOutageInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var buildings = (input.BuildingIds ?? []).Distinct().ToArray();
        var units = (input.UnitIds ?? []).Distinct().ToArray();
        var v = new Validator();
        var knownBuildings = await db.BuildingRefs()
            .Where(b => buildings.Contains(b.Id) && b.ProjectId == project.Id && b.ArchivedAt == null)
            .Select(b => b.Id)
            .ToListAsync(ct);
        for (var i = 0; i < buildings.Length; i++)
            if (!knownBuildings.Contains(buildings[i]))
                v.Add($"buildingIds[{i}]", "楼栋不属于该项目", "The building is not of this project");
        var knownUnits = await db.UnitRefs()
            .Where(u => units.Contains(u.Id) && u.ProjectId == project.Id && u.ArchivedAt == null)
            .Select(u => u.Id)
            .ToListAsync(ct);
        for (var i = 0; i < units.Length; i++)
            if (!knownUnits.Contains(units[i]))
                v.Add($"unitIds[{i}]", "房屋不属于该项目", "The unit is not of this project");
        v.ThrowIfAny();
        var (me, name) = await actors.MeAsync(ct);
        var outage = PlannedOutage.Plan(
            project.CompanyId,
            project.Id,
            input.Kind!.Value,
            buildings,
            units,
            input.StartsAt!.Value.ToUniversalTime(),
            input.ExpectedEndAt!.Value.ToUniversalTime(),
            input.Reason!,
            input.TemporaryWater,
            me,
            name,
            options.Value.OutageNoticeHours,
            clock.GetUtcNow()
        );
        db.Add(outage);
        await db.SaveChangesAsync(ct);
        return outage.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/planned-outages",
                async Task<Created<OutageDto>> (PlanOutageHandler h, OutageReads reads, PlanOutageInput body, CancellationToken ct) =>
                {
                    var id = await h.PlanAsync(body, ct);
                    return TypedResults.Created($"/api/v1/planned-outages/{id}", await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Emergencies")
            .RequireRoles(EmergencyRoles.OutagePlanners)
            .WithSummary("Plan a water or power outage of buildings and units of a project; its residents must be told by the lead time");
    }
}
