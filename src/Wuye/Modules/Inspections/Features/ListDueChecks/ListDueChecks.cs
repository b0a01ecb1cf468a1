using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListDueChecks;

internal sealed record DueCheckDto(
    Guid PlanLineId,
    Guid PlanId,
    Guid ProjectId,
    string ProjectName,
    Guid CheckItemId,
    string Code,
    string Area,
    string Description,
    string? Method,
    string? Sampling,
    decimal PointsPerDeduction,
    string Frequency,
    string FrequencyName,
    DateOnly PeriodStart
);

/// <summary>The caller's checks due on a day: planned points not yet checked in their current period.</summary>
internal sealed class DueChecks(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/inspections").WithTags("Inspections");

        g.MapGet("/due", async (DueChecks due, Guid? projectId, DateOnly? date, CancellationToken ct) =>
                TypedResults.Ok(await due.DueAsync(projectId, date, ct))
            )
            .WithSummary("The caller's checks due on a day (default today): planned points not yet checked in their current period");
    }

    public async Task<List<DueCheckDto>> DueAsync(Guid? projectId, DateOnly? date, CancellationToken ct)
    {
        var me = Qpi.Me(db);
        var day = date ?? ChinaTime.Today(clock);
        var month = Qpi.MonthOf(day);
        var lines = await (
            from l in db.Set<InspectionPlanLine>().AsNoTracking()
            join p in db.Set<InspectionPlan>() on l.PlanId equals p.Id
            join i in db.Set<CheckItem>() on l.CheckItemId equals i.Id
            join pr in db.ProjectRefs() on l.ProjectId equals pr.Id
            where
                p.InspectorUserId == me
                && p.StartMonth <= month
                && (p.EndMonth == null || p.EndMonth >= month)
                && (projectId == null || l.ProjectId == projectId)
            orderby pr.Name, i.Code
            select new
            {
                l,
                p.Id,
                pr.Name,
                Item = i,
            }
        ).ToListAsync(ct);
        var lineIds = lines.Select(x => x.l.Id).ToList();
        var since = day.AddYears(-1);
        var done = await db.Set<InspectionResult>()
            .Where(Qpi.Performed(db))
            .Where(r => r.PlanLineId != null && lineIds.Contains(r.PlanLineId.Value) && r.CheckedOn >= since && r.CheckedOn <= day)
            .GroupBy(r => r.PlanLineId!.Value)
            .Select(x => new { x.Key, Last = x.Max(r => r.CheckedOn) })
            .ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        return
        [
            .. lines
                .Where(x => !done.TryGetValue(x.l.Id, out var last) || last < CheckPeriods.Start(x.l.Frequency, day))
                .Select(x => new DueCheckDto(
                    x.l.Id,
                    x.Id,
                    x.l.ProjectId,
                    x.Name,
                    x.Item.Id,
                    x.Item.Code,
                    Qpi.Name(Qpi.Areas, x.Item.Area),
                    x.Item.Description,
                    x.Item.Method,
                    x.Item.Sampling,
                    x.Item.PointsPerDeduction,
                    Qpi.Code(Qpi.Frequencies, x.l.Frequency),
                    Qpi.Name(Qpi.Frequencies, x.l.Frequency),
                    CheckPeriods.Start(x.l.Frequency, day)
                )),
        ];
    }
}
