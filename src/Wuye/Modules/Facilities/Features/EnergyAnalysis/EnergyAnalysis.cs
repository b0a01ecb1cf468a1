using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.EnergyAnalysis;

internal sealed record EnergyMeterLine(
    Guid MeterId,
    string Code,
    string Name,
    MeterKind Kind,
    string Unit,
    bool Master,
    Guid? BuildingId,
    decimal[] Months,
    decimal Total,
    decimal[] LastYear,
    decimal LastYearTotal
);

internal sealed record EnergyKindLine(
    MeterKind Kind,
    string Name,
    string Unit,
    decimal[] Months,
    decimal[] LastYear,
    decimal Total,
    decimal LastYearTotal,
    decimal?[] Change
);

/// <summary>A building's use of one kind (its master meters and meters without a master), month by month, against last year.</summary>
internal sealed record EnergyBuildingLine(
    Guid? BuildingId,
    string Name,
    MeterKind Kind,
    string Unit,
    decimal[] Months,
    decimal Total,
    decimal[] LastYear,
    decimal LastYearTotal,
    decimal?[] Change
);

internal sealed record EnergyAnalysisDto(
    Guid ProjectId,
    int Year,
    List<EnergyKindLine> Kinds,
    List<EnergyMeterLine> Meters,
    List<EnergyBuildingLine> Buildings,
    int OpenAnomalies
);

/// <summary>
/// 月度能耗分析 (写字楼): a project's consumption per month of a year, by kind (master meters, or meters without a master, so nothing
/// counts twice) against the same months last year, by meter, and by building; with the abnormal readings still open.
/// </summary>
internal static class EnergyAnalysisReader
{
    public static async Task<EnergyAnalysisDto> ReadAsync(WuyeDb db, Guid projectId, int year, CancellationToken ct)
    {
        var meters = await db.Set<Meter>().AsNoTracking().Where(m => m.ProjectId == projectId && m.ArchivedAt == null).ToListAsync(ct);
        var from = (year - 1) * 100 + 1;
        var to = year * 100 + 12;
        var use = await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Period >= from && r.Period <= to && r.Consumption > 0)
            .GroupBy(r => new { r.MeterId, r.Period })
            .Select(g => new
            {
                g.Key.MeterId,
                g.Key.Period,
                Used = g.Sum(r => r.Consumption ?? 0),
            })
            .ToListAsync(ct);
        var byMeter = use.ToLookup(u => u.MeterId);
        decimal[] Months(Guid meter, int y) =>
            [.. Enumerable.Range(1, 12).Select(m => byMeter[meter].Where(u => u.Period == y * 100 + m).Sum(u => u.Used))];
        var meterLines = meters
            .OrderBy(m => m.Kind)
            .ThenBy(m => m.Code)
            .Select(m =>
            {
                var (months, last) = (Months(m.Id, year), Months(m.Id, year - 1));
                return new EnergyMeterLine(
                    m.Id,
                    m.Code,
                    m.Name,
                    m.Kind,
                    m.Unit,
                    m.MasterMeterId is null,
                    m.BuildingId,
                    months,
                    months.Sum(),
                    last,
                    last.Sum()
                );
            })
            .ToList();
        var kinds = meters
            .Where(m => m.MasterMeterId is null)
            .GroupBy(m => m.Kind)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var now = Sum(g.Select(m => Months(m.Id, year)));
                var last = Sum(g.Select(m => Months(m.Id, year - 1)));
                return new EnergyKindLine(
                    g.Key,
                    FacilitiesText.MeterKind(g.Key),
                    g.First().Unit,
                    now,
                    last,
                    now.Sum(),
                    last.Sum(),
                    Change(now, last)
                );
            })
            .ToList();
        var buildingIds = meters.Where(m => m.BuildingId != null).Select(m => m.BuildingId!.Value).Distinct().ToList();
        var names = await db.BuildingRefs().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var buildings = meterLines
            .Where(l => l.Master)
            .GroupBy(l => (l.BuildingId, l.Kind))
            .Select(g =>
            {
                var (now, last) = (Sum(g.Select(l => l.Months)), Sum(g.Select(l => l.LastYear)));
                return new EnergyBuildingLine(
                    g.Key.BuildingId,
                    g.Key.BuildingId is { } b ? names.GetValueOrDefault(b, "") : Loc.T("公区", "Common"),
                    g.Key.Kind,
                    g.First().Unit,
                    now,
                    now.Sum(),
                    last,
                    last.Sum(),
                    Change(now, last)
                );
            })
            .OrderBy(b => b.Kind)
            .ThenBy(b => b.Name)
            .ToList();
        var open = await db.Set<MeterReading>()
            .CountAsync(r => r.ProjectId == projectId && r.AssigneeUserId != null && r.ResolvedAt == null, ct);
        return new EnergyAnalysisDto(projectId, year, kinds, meterLines, buildings, open);
    }

    /// <summary>Month by month, the change on the same month last year in percent (null where last year had no use).</summary>
    public static decimal?[] Change(decimal[] now, decimal[] last) =>
        [.. now.Zip(last, (n, l) => l > 0 ? Math.Round((n - l) / l * 100, 1) : (decimal?)null)];

    private static decimal[] Sum(IEnumerable<decimal[]> rows)
    {
        var total = new decimal[12];
        foreach (var r in rows)
            for (var i = 0; i < 12; i++)
                total[i] += r[i];
        return total;
    }

    public static TableSheet Sheet(EnergyAnalysisDto d) =>
        new(
            Loc.T($"{d.Year}年能耗", $"Energy {d.Year}"),
            [
                Loc.T("表号", "Meter"),
                Loc.T("名称", "Name"),
                Loc.T("类型", "Kind"),
                Loc.T("单位", "Unit"),
                .. Enumerable.Range(1, 12).Select(m => Loc.T($"{m}月", $"M{m}")),
                Loc.T("合计", "Total"),
            ],
            d.Meters.Select(m =>
                (IReadOnlyList<string?>)
                    [
                        m.Code,
                        m.Name,
                        FacilitiesText.MeterKind(m.Kind),
                        m.Unit,
                        .. m.Months.Select(v => v.ToString("0.###")),
                        m.Total.ToString("0.###"),
                    ]
            )
        );

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/energy-analysis").WithTags("Facilities");
        async Task<EnergyAnalysisDto> Read(WuyeDb db, TimeProvider clock, Guid? projectId, int? year, CancellationToken ct)
        {
            new Validator()
                .Required("projectId", projectId, "项目", "Project")
                .Range("year", year, 2000, 2100, "年份", "Year")
                .ThrowIfAny();
            if (!await db.ProjectRefs().AnyAsync(p => p.Id == projectId, ct))
                throw new NotFoundException("project");
            return await ReadAsync(db, projectId!.Value, year ?? ChinaTime.Today(clock).Year, ct);
        }
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, Guid? projectId, int? year, CancellationToken ct) =>
                TypedResults.Ok(await Read(db, clock, projectId, year, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary(
                "A project's energy use per month of a year, each against the same month last year (and the change in %): by kind, by "
                    + "meter and by building (master meters, so nothing counts twice)"
            );
        g.MapGet("/export", async (WuyeDb db, TimeProvider clock, Guid? projectId, int? year, CancellationToken ct) =>
            {
                var d = await Read(db, clock, projectId, year, ct);
                return TableFile.Result("xlsx", Loc.T($"能耗分析-{d.Year}", $"energy-{d.Year}"), Sheet(d));
            })
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("The energy analysis by meter as .xlsx");
    }
}
