using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record PlanLineDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    Guid CheckItemId,
    string CheckItemCode,
    string CheckItemDescription,
    string Frequency,
    string FrequencyName
);

/// <summary>Derived from the plan's lines for one month: what the seed calls 当月要求完成核查点数, and the checks those points ask for.</summary>
internal sealed record PlanRequirementDto(Guid ProjectId, string ProjectName, decimal RequiredPoints, decimal RequiredChecks);

internal sealed record PlanDto(
    Guid Id,
    Guid CompanyId,
    string Name,
    Guid InspectorUserId,
    string InspectorName,
    string Level,
    string LevelName,
    string StartMonth,
    string? EndMonth,
    List<PlanLineDto> Lines,
    string Month,
    List<PlanRequirementDto> Required
);

internal sealed record PlanSummaryDto(
    Guid Id,
    string Name,
    Guid InspectorUserId,
    string InspectorName,
    string Level,
    string LevelName,
    string StartMonth,
    string? EndMonth,
    int Lines,
    int Projects
);

internal static class PlanViews
{
    public static async Task<PlanDto?> LoadAsync(WuyeDb db, Guid id, DateOnly month, CancellationToken ct)
    {
        var p = await db.Set<InspectionPlan>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
            return null;
        var lines = await (
            from l in db.Set<InspectionPlanLine>().AsNoTracking()
            join i in db.Set<CheckItem>() on l.CheckItemId equals i.Id
            join pr in db.ProjectRefs() on l.ProjectId equals pr.Id
            where l.PlanId == id
            orderby pr.Name, i.Code
            select new
            {
                l,
                i.Code,
                i.Description,
                ProjectName = pr.Name,
            }
        ).ToListAsync(ct);
        var active = p.RunsIn(month);
        var required = lines
            .GroupBy(x => (x.l.ProjectId, x.ProjectName))
            .Select(x => new PlanRequirementDto(
                x.Key.ProjectId,
                x.Key.ProjectName,
                active ? Math.Round(QpiCalculator.RequiredPoints(x.Select(y => y.l.Frequency)), 2) : 0,
                active ? Math.Round(QpiCalculator.RequiredChecks(x.Select(y => y.l.Frequency), month.Year, month.Month), 2) : 0
            ))
            .ToList();
        return new PlanDto(
            p.Id,
            p.CompanyId,
            p.Name,
            p.InspectorUserId,
            p.InspectorName,
            Qpi.Code(Qpi.Levels, p.Level),
            Qpi.Name(Qpi.Levels, p.Level),
            p.StartMonth.ToString("yyyy-MM"),
            p.EndMonth?.ToString("yyyy-MM"),
            [
                .. lines.Select(x => new PlanLineDto(
                    x.l.Id,
                    x.l.ProjectId,
                    x.ProjectName,
                    x.l.CheckItemId,
                    x.Code,
                    x.Description,
                    Qpi.Code(Qpi.Frequencies, x.l.Frequency),
                    Qpi.Name(Qpi.Frequencies, x.l.Frequency)
                )),
            ],
            month.ToString("yyyy-MM"),
            required
        );
    }
}
