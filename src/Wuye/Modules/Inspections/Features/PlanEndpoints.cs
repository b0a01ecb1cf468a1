using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record PlanLineDto(Guid Id, Guid ProjectId, string ProjectName, Guid CheckItemId, string CheckItemCode, string CheckItemDescription,
    string Frequency, string FrequencyName);

/// <summary>Derived from the plan's lines for one month: what the seed calls 当月要求完成核查点数, and the checks those points ask for.</summary>
public sealed record PlanRequirementDto(Guid ProjectId, string ProjectName, decimal RequiredPoints, decimal RequiredChecks);

public sealed record PlanDto(Guid Id, Guid CompanyId, string Name, Guid InspectorUserId, string InspectorName, string Level, string LevelName,
    string StartMonth, string? EndMonth, List<PlanLineDto> Lines, string Month, List<PlanRequirementDto> Required);

public sealed record PlanSummaryDto(Guid Id, string Name, Guid InspectorUserId, string InspectorName, string Level, string LevelName,
    string StartMonth, string? EndMonth, int Lines, int Projects);

/// <summary>A plan: these items at these projects, each at the item's frequency unless <see cref="Frequency"/> overrides it.</summary>
public sealed record PlanInput(Guid? CompanyId, string? Name, string? Level, Guid? InspectorUserId, string? StartMonth, string? EndMonth,
    List<Guid>? ProjectIds, List<Guid>? CheckItemIds, string? Frequency) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("name", Name, "计划名称", "Plan name").MaxLength("name", Name, 100, "计划名称", "Plan name");
        if (string.IsNullOrWhiteSpace(Level)) v.Add("level", "请选择核查层级", "Inspector level is required");
        else if (!Qpi.TryParse(Qpi.Levels, Level, out InspectorLevel _))
            v.Add("level", $"未知的核查层级“{Level}”，可选：{Qpi.Allowed(Qpi.Levels)}", $"Unknown level \"{Level}\"; known: {Qpi.Allowed(Qpi.Levels)}");
        if (!Qpi.TryMonth(StartMonth, out var start)) v.Add("startMonth", "请填写开始月份（如 2026-11）", "Start month is required (e.g. 2026-11)");
        if (EndMonth is not null)
        {
            if (!Qpi.TryMonth(EndMonth, out var end)) v.Add("endMonth", "结束月份格式应为 2026-12", "End month must look like 2026-12");
            else if (end < start) v.Add("endMonth", "结束月份不能早于开始月份", "End month cannot be before the start month");
        }
        if (ProjectIds is not { Count: > 0 }) v.Add("projectIds", "请至少选择一个项目", "Choose at least one project");
        if (CheckItemIds is not { Count: > 0 }) v.Add("checkItemIds", "请至少选择一个核查标准", "Choose at least one check item");
        if (!string.IsNullOrWhiteSpace(Frequency) && !Qpi.TryParse(Qpi.Frequencies, Frequency, out CheckFrequency _))
            v.Add("frequency", $"标准库中没有“{Frequency}”这种频次，可选：{Qpi.Allowed(Qpi.Frequencies)}", $"The library knows no frequency \"{Frequency}\"; known: {Qpi.Allowed(Qpi.Frequencies)}");
    }
}

public static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspection-plans").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, Guid? inspectorUserId, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Set<InspectionPlan>().AsNoTracking();
            if (inspectorUserId is { } who) query = query.Where(p => p.InspectorUserId == who);
            var paged = await query.OrderByDescending(p => p.StartMonth).ThenBy(p => p.Name).ToPagedAsync(page, pageSize, ct);
            var ids = paged.Items.Select(p => p.Id).ToList();
            var counts = await db.Set<InspectionPlanLine>().Where(l => ids.Contains(l.PlanId)).GroupBy(l => l.PlanId)
                .Select(x => new { x.Key, Lines = x.Count(), Projects = x.Select(l => l.ProjectId).Distinct().Count() }).ToDictionaryAsync(x => x.Key, ct);
            return TypedResults.Ok(new Paged<PlanSummaryDto>([.. paged.Items.Select(p => new PlanSummaryDto(p.Id, p.Name, p.InspectorUserId, p.InspectorName,
                Qpi.Code(Qpi.Levels, p.Level), Qpi.Name(Qpi.Levels, p.Level), p.StartMonth.ToString("yyyy-MM"), p.EndMonth?.ToString("yyyy-MM"),
                counts.GetValueOrDefault(p.Id)?.Lines ?? 0, counts.GetValueOrDefault(p.Id)?.Projects ?? 0))], paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Inspection plans (核查计划) the user may see");

        g.MapGet("/inspectors", async (WuyeDb db, Guid? companyId, string? level, CancellationToken ct) =>
        {
            InspectorLevel? lv = null;
            if (level is not null)
            {
                if (!Qpi.TryParse(Qpi.Levels, level, out InspectorLevel parsed))
                    throw Qpi.Invalid("level", $"未知的核查层级“{level}”，可选：{Qpi.Allowed(Qpi.Levels)}", $"Unknown level \"{level}\"; known: {Qpi.Allowed(Qpi.Levels)}");
                lv = parsed;
            }
            return TypedResults.Ok(await QpiStaff.InspectorsAsync(db, Qpi.ActingCompany(db, companyId), lv, ct));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
          .WithSummary("Who can inspect at each level of the company: management, quality department, project heads, supervisors, team leaders");

        g.MapGet("/{id:guid}", async Task<Results<Ok<PlanDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, string? month, CancellationToken ct) =>
        {
            var m = Qpi.MonthOf(Qpi.Today(clock));
            if (month is not null && !Qpi.TryMonth(month, out m)) throw Qpi.Invalid("month", "月份格式应为 2026-11", "Month must look like 2026-11");
            return await LoadAsync(db, id, m, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();
        }).WithSummary("One plan, with the check points and checks it requires per project in a month (default: this month)");

        g.MapPost("/", async Task<Created<PlanDto>> (WuyeDb db, TimeProvider clock, PlanInput body, CancellationToken ct) =>
        {
            var companyId = Qpi.ActingCompany(db, body.CompanyId);
            var inspector = body.InspectorUserId ?? Qpi.Me(db);
            Qpi.TryParse(Qpi.Levels, body.Level, out InspectorLevel level);
            // The inspector must hold the level the plan is for at this company (a quality inspector is no team leader).
            if (!(await QpiStaff.InspectorsAsync(db, companyId, level, ct)).Any(o => o.UserId == inspector))
                throw Qpi.Invalid("inspectorUserId", $"核查人不是本公司的{Qpi.Name(Qpi.Levels, level)}", $"The inspector is not at the {Qpi.Name(Qpi.Levels, level)} level of this company");
            var projectIds = body.ProjectIds!.Distinct().ToList();
            var projects = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id) && p.CompanyId == companyId).Select(p => p.Id).ToListAsync(ct);
            if (projects.Count != projectIds.Count) throw Qpi.Invalid("projectIds", "有项目不存在或不属于本公司", "A project was not found in this company");
            var itemIds = body.CheckItemIds!.Distinct().ToList();
            var items = await db.Set<CheckItem>().Where(i => itemIds.Contains(i.Id) && i.CompanyId == companyId && i.RetiredAt == null).ToListAsync(ct);
            if (items.Count != itemIds.Count) throw Qpi.Invalid("checkItemIds", "有核查标准不存在或已停用", "A check item was not found or is retired");
            Qpi.TryMonth(body.StartMonth, out var start);
            DateOnly? end = Qpi.TryMonth(body.EndMonth, out var e) ? e : null;
            CheckFrequency? overrideFrequency = Qpi.TryParse(Qpi.Frequencies, body.Frequency, out CheckFrequency f) ? f : null;
            var plan = new InspectionPlan
            {
                CompanyId = companyId, Name = body.Name!.Trim(), Level = level, InspectorUserId = inspector,
                InspectorName = await Qpi.UserNameAsync(db, inspector, ct), StartMonth = start, EndMonth = end,
            };
            db.Add(plan);
            foreach (var projectId in projectIds)
                foreach (var item in items)
                    db.Add(new InspectionPlanLine { CompanyId = companyId, ProjectId = projectId, PlanId = plan.Id, CheckItemId = item.Id, Frequency = overrideFrequency ?? item.Frequency });
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/inspection-plans/{plan.Id}", (await LoadAsync(db, plan.Id, start, ct))!);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Plan checks: items × projects × frequency for one inspector");

        g.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var plan = await db.Set<InspectionPlan>().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (plan is null) return TypedResults.NotFound();
            // Ending a plan keeps past months' requirements as they were: it stops after this month.
            var thisMonth = Qpi.MonthOf(Qpi.Today(clock));
            plan.EndMonth = thisMonth < plan.StartMonth ? plan.StartMonth : thisMonth;
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("End a plan after this month");
    }

    public static async Task<PlanDto?> LoadAsync(WuyeDb db, Guid id, DateOnly month, CancellationToken ct)
    {
        var p = await db.Set<InspectionPlan>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var lines = await (from l in db.Set<InspectionPlanLine>().AsNoTracking()
                           join i in db.Set<CheckItem>() on l.CheckItemId equals i.Id
                           join pr in db.ProjectRefs() on l.ProjectId equals pr.Id
                           where l.PlanId == id
                           orderby pr.Name, i.Code
                           select new { l, i.Code, i.Description, ProjectName = pr.Name }).ToListAsync(ct);
        var active = p.StartMonth <= month && (p.EndMonth == null || p.EndMonth >= month);
        var required = lines.GroupBy(x => (x.l.ProjectId, x.ProjectName)).Select(x => new PlanRequirementDto(x.Key.ProjectId, x.Key.ProjectName,
            active ? Math.Round(QpiCalculator.RequiredPoints(x.Select(y => y.l.Frequency)), 2) : 0,
            active ? Math.Round(QpiCalculator.RequiredChecks(x.Select(y => y.l.Frequency), month.Year, month.Month), 2) : 0)).ToList();
        return new PlanDto(p.Id, p.CompanyId, p.Name, p.InspectorUserId, p.InspectorName, Qpi.Code(Qpi.Levels, p.Level), Qpi.Name(Qpi.Levels, p.Level),
            p.StartMonth.ToString("yyyy-MM"), p.EndMonth?.ToString("yyyy-MM"),
            [.. lines.Select(x => new PlanLineDto(x.l.Id, x.l.ProjectId, x.ProjectName, x.l.CheckItemId, x.Code, x.Description,
                Qpi.Code(Qpi.Frequencies, x.l.Frequency), Qpi.Name(Qpi.Frequencies, x.l.Frequency)))],
            month.ToString("yyyy-MM"), required);
    }
}
