using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.PlanInspections;

/// <summary>A plan: these items at these projects, each at the item's frequency unless <see cref="Frequency"/> overrides it.</summary>
internal sealed record PlanInput(
    Guid? CompanyId,
    string? Name,
    string? Level,
    Guid? InspectorUserId,
    string? StartMonth,
    string? EndMonth,
    List<Guid>? ProjectIds,
    List<Guid>? CheckItemIds,
    string? Frequency
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "计划名称", "Plan name").MaxLength("name", Name, 100, "计划名称", "Plan name");
        if (string.IsNullOrWhiteSpace(Level))
            v.Add("level", "请选择核查层级", "Inspector level is required");
        else if (!Qpi.TryParse(Qpi.Levels, Level, out InspectorLevel _))
            v.Add(
                "level",
                $"未知的核查层级“{Level}”，可选：{Qpi.Allowed(Qpi.Levels)}",
                $"Unknown level \"{Level}\"; known: {Qpi.Allowed(Qpi.Levels)}"
            );
        if (!Qpi.TryMonth(StartMonth, out var start))
            v.Add("startMonth", "请填写开始月份（如 2026-11）", "Start month is required (e.g. 2026-11)");
        if (EndMonth is not null)
        {
            if (!Qpi.TryMonth(EndMonth, out var end))
                v.Add("endMonth", "结束月份格式应为 2026-12", "End month must look like 2026-12");
            else if (end < start)
                v.Add("endMonth", "结束月份不能早于开始月份", "End month cannot be before the start month");
        }
        if (ProjectIds is not { Count: > 0 })
            v.Add("projectIds", "请至少选择一个项目", "Choose at least one project");
        if (CheckItemIds is not { Count: > 0 })
            v.Add("checkItemIds", "请至少选择一个核查标准", "Choose at least one check item");
        if (!string.IsNullOrWhiteSpace(Frequency) && !Qpi.TryParse(Qpi.Frequencies, Frequency, out CheckFrequency _))
            v.Add(
                "frequency",
                $"标准库中没有“{Frequency}”这种频次，可选：{Qpi.Allowed(Qpi.Frequencies)}",
                $"The library knows no frequency \"{Frequency}\"; known: {Qpi.Allowed(Qpi.Frequencies)}"
            );
    }
}

/// <summary>Plan checks: these items at these projects for one inspector at a level, from a month on.</summary>
internal static class PlanInspectionsEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspection-plans").WithTags("Inspections");

        g.MapPost("/", async Task<Created<PlanDto>> (WuyeDb db, TimeProvider clock, PlanInput body, CancellationToken ct) =>
            {
                var companyId = Qpi.ActingCompany(db, body.CompanyId);
                var inspector = body.InspectorUserId ?? Qpi.Me(db);
                Qpi.TryParse(Qpi.Levels, body.Level, out InspectorLevel level);
                // The inspector must hold the level the plan is for at this company (a quality inspector is no team leader).
                if (!(await QpiStaff.InspectorsAsync(db, companyId, level, ct)).Any(o => o.UserId == inspector))
                    throw ValidationException.For(
                        "inspectorUserId",
                        $"核查人不是本公司的{Qpi.Name(Qpi.Levels, level)}",
                        $"The inspector is not at the {Qpi.Name(Qpi.Levels, level)} level of this company"
                    );
                var projectIds = body.ProjectIds!.Distinct().ToList();
                var projects = await db.ProjectRefs()
                    .Where(p => projectIds.Contains(p.Id) && p.CompanyId == companyId)
                    .Select(p => p.Id)
                    .ToListAsync(ct);
                if (projects.Count != projectIds.Count)
                    throw ValidationException.For("projectIds", "有项目不存在或不属于本公司", "A project was not found in this company");
                var itemIds = body.CheckItemIds!.Distinct().ToList();
                var items = await db.Set<CheckItem>()
                    .Where(i => itemIds.Contains(i.Id) && i.CompanyId == companyId && i.RetiredAt == null)
                    .ToListAsync(ct);
                if (items.Count != itemIds.Count)
                    throw ValidationException.For("checkItemIds", "有核查标准不存在或已停用", "A check item was not found or is retired");
                Qpi.TryMonth(body.StartMonth, out var start);
                DateOnly? end = Qpi.TryMonth(body.EndMonth, out var e) ? e : null;
                var today = ChinaTime.Today(clock);
                new Validator()
                    .Month("startMonth", start, today, "开始月份", "The start month")
                    .Month("endMonth", end, today, "结束月份", "The end month")
                    .ThrowIfAny();
                CheckFrequency? overrideFrequency = Qpi.TryParse(Qpi.Frequencies, body.Frequency, out CheckFrequency f) ? f : null;
                var plan = new InspectionPlan
                {
                    CompanyId = companyId,
                    Name = body.Name!.Trim(),
                    Level = level,
                    InspectorUserId = inspector,
                    InspectorName = await Qpi.UserNameAsync(db, inspector, ct),
                    StartMonth = start,
                    EndMonth = end,
                };
                db.Add(plan);
                foreach (var projectId in projectIds)
                foreach (var item in items)
                    db.Add(
                        new InspectionPlanLine
                        {
                            CompanyId = companyId,
                            ProjectId = projectId,
                            PlanId = plan.Id,
                            CheckItemId = item.Id,
                            Frequency = overrideFrequency ?? item.Frequency,
                        }
                    );
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/inspection-plans/{plan.Id}", (await PlanViews.LoadAsync(db, plan.Id, start, ct))!);
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Plan checks: items × projects × frequency for one inspector");
    }
}
