using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.GenerateMaintenanceTasks;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.CreateMaintenancePlan;

internal sealed record PlanItemInput(
    string? Label,
    ChecklistKind? Kind,
    decimal? Min,
    decimal? Max,
    string? Unit,
    FailureSeverity? Severity
);

internal sealed record MaintenancePlanInput(
    Guid? ProjectId,
    string? Name,
    Guid? AssetId,
    AssetCategory? Category,
    string? Rule,
    DateOnly? StartsOn,
    bool? SkipNonWorkingDays,
    Guid? ResponsibleUserId,
    int? LeadDays,
    bool? Statutory,
    List<PlanItemInput>? Items
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "计划名称", "Plan name")
            .MaxLength("name", Name, 100, "计划名称", "Plan name")
            .Required("rule", Rule, "重复规则", "Recurrence rule")
            .MaxLength("rule", Rule, 300, "重复规则", "Recurrence rule")
            .Range("leadDays", LeadDays, 0, 60, "提前天数", "Lead days");
        if (AssetId is null == Category is null)
            v.Add("assetId", "请选择一台设备或一个设备类别（二选一）", "Choose one asset or one asset class (one of them)");
        if (!string.IsNullOrWhiteSpace(Rule) && Recurrence.Problem(Rule) is { } p)
            v.Add("rule", p.Zh, p.En);
        if (Items is null || Items.Count == 0)
            v.Add("items", "检查表至少要有一项", "The checklist needs at least one item");
        else if (Items.Count > 50)
            v.Add("items", "检查表最多 50 项", "At most 50 checklist items");
        else
            for (var i = 0; i < Items.Count; i++)
            {
                var item = Items[i];
                v.Required($"items[{i}].label", item.Label, "检查项", "Item")
                    .MaxLength($"items[{i}].label", item.Label, 100, "检查项", "Item")
                    .Required($"items[{i}].kind", item.Kind, "检查项类型", "Item kind")
                    .MaxLength($"items[{i}].unit", item.Unit, 20, "单位", "Unit");
            }
    }
}

/// <summary>A maintenance plan with its checklist; the tasks already due within its lead days are generated at once.</summary>
internal sealed class CreateMaintenancePlanHandler(WuyeDb db, TimeProvider clock, TaskGenerator generator, FacilitiesViews views)
{
    public async Task<PlanDto> CreateAsync(MaintenancePlanInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        if (
            body.AssetId is { } assetId
            && !await db.AssetRefs().AnyAsync(a => a.Id == assetId && a.ProjectId == project.Id && a.ArchivedAt == null, ct)
        )
            throw ValidationException.For("assetId", "本项目没有这台设备（或已停用）", "No such asset in this project (or archived)");
        if (
            body.ResponsibleUserId is { } user
            && !await db.RoleAssignments.AnyAsync(
                a => a.UserId == user && (a.ProjectId == project.Id || (a.ProjectId == null && a.CompanyId == project.CompanyId)),
                ct
            )
        )
            throw ValidationException.For("responsibleUserId", "负责人不在本项目", "The responsible person does not work on this project");
        var name = body.Name!.Trim();
        if (await db.Set<MaintenancePlan>().AnyAsync(p => p.ProjectId == project.Id && p.Name == name, ct))
            throw new RuleException(
                "maintenance_plan.duplicate_name",
                $"该项目已有保养计划“{name}”",
                $"The project already has a plan \"{name}\""
            );
        var plan = MaintenancePlan.Create(
            project.CompanyId,
            project.Id,
            name,
            body.AssetId,
            body.AssetId is null ? body.Category : null,
            body.Rule!,
            body.StartsOn ?? ChinaTime.Today(clock),
            body.SkipNonWorkingDays ?? false,
            body.ResponsibleUserId,
            body.LeadDays ?? 0,
            body.Statutory ?? false
        );
        var items = body.Items!.Select(
                (x, i) =>
                    ChecklistItem.For(
                        plan,
                        i + 1,
                        x.Label!,
                        x.Kind!.Value,
                        x.Min,
                        x.Max,
                        x.Unit,
                        x.Severity ?? FailureSeverity.Normal,
                        $"items[{i}]"
                    )
            )
            .ToList();
        db.Add(plan);
        db.AddRange(items);
        await db.SaveChangesAsync(ct);
        await generator.GenerateAsync(plan.Id, ct);
        return (await views.PlansAsync(db.Set<MaintenancePlan>().Where(p => p.Id == plan.Id), ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/maintenance-plans",
                async Task<Created<PlanDto>> (CreateMaintenancePlanHandler handler, MaintenancePlanInput body, CancellationToken ct) =>
                {
                    var plan = await handler.CreateAsync(body, ct);
                    return TypedResults.Created($"/api/v1/maintenance-plans/{plan.Id}", plan);
                }
            )
            .WithTags("Facilities")
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Create a preventive-maintenance plan (asset or asset class, RRULE, checklist); due tasks are generated at once");
    }
}
