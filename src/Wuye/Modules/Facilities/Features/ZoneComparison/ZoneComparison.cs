using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.AssetIntactness;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ZoneComparison;

internal sealed record ZoneComparisonDto(
    Guid ProjectId,
    string Month,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Goal,
    List<ZoneUpkeepLine> Zones
);

/// <summary>
/// 片区公共设施维护评比 (000#13): a project's zones ranked for a month by the upkeep of the public facilities in them — an asset is
/// in the zone of its building; assets with no zoned building form one line of the project's own — from the same outages as the
/// intactness rate (failed maintenance items and faults reported on assets, to their fixes).
/// </summary>
internal sealed class ZoneComparisonReader(WuyeDb db, TimeProvider clock, IntactnessReader intactness)
{
    public async Task<ZoneComparisonDto> ReadAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        var (from, to, end) = IntactnessReader.Window(month, clock.GetUtcNow());
        var zones = await db.ZoneRefs()
            .Where(z => z.ProjectId == projectId)
            .OrderBy(z => z.Name)
            .ThenBy(z => z.Id)
            .Select(z => new { z.Id, z.Name })
            .ToListAsync(ct);
        var zoneIds = zones.Select(z => z.Id).ToHashSet();
        var buildings = await db.BuildingRefs().Where(b => b.ProjectId == projectId).ToDictionaryAsync(b => b.Id, b => b.ZoneId, ct);
        var assets = await db.AssetRefs()
            .Where(a => a.ProjectId == projectId && (a.ArchivedAt == null || a.ArchivedAt > from))
            .Select(a => new { a.Id, a.BuildingId })
            .ToListAsync(ct);
        // An asset in a building of a zone the reader does not see (a steward's neighbours) is on no line of theirs.
        (bool Seen, Guid? Zone) Place(Guid? building) =>
            building is not { } b ? (true, null)
            : !buildings.TryGetValue(b, out var z) ? (false, null)
            : z is null ? (true, null)
            : (zoneIds.Contains(z.Value), z);
        var zoneOf = assets
            .Select(a => (a.Id, Place: Place(a.BuildingId)))
            .Where(a => a.Place.Seen)
            .ToDictionary(a => a.Id, a => a.Place.Zone);
        var outages = await intactness.OutagesAsync(projectId, end, ct);
        var lines = zones
            .Select(z => ZoneUpkeep.Of(z.Id, z.Name, [.. zoneOf.Where(a => a.Value == z.Id).Select(a => a.Key)], outages, from, to))
            .ToList();
        var unzoned = zoneOf.Where(a => a.Value is null).Select(a => a.Key).ToList();
        if (unzoned.Count > 0)
            lines.Add(ZoneUpkeep.Of(null, Loc.T("项目公共区域（未分片区）", "Project-wide (no zone)"), unzoned, outages, from, to));
        return new ZoneComparisonDto(projectId, $"{month:yyyy-MM}", from, to, Intactness.Goal, ZoneUpkeep.Rank(lines));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet(
                "/zone-comparison",
                async (WuyeDb db, ZoneComparisonReader reader, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
                {
                    var v = new Validator().Required("projectId", projectId, "项目", "Project");
                    var m = ChinaTime.Today(clock);
                    if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out m))
                        v.Add("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
                    v.ThrowIfAny();
                    if (!await db.ProjectRefs().AnyAsync(p => p.Id == projectId, ct))
                        throw new NotFoundException("project");
                    return TypedResults.Ok(await reader.ReadAsync(projectId!.Value, m, ct));
                }
            )
            .WithTags("Facilities")
            .RequireRoles(FacilitiesRoles.ZoneComparisonReaders)
            .WithSummary("A project's zones ranked for a month (yyyy-MM) by public-facility upkeep: intactness, open faults, fix time");
    }
}
