using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record WaveSlotDto(
    Guid Id,
    string TeamName,
    Guid ProjectId,
    string ProjectName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    Guid? InspectionId,
    int Findings
);

/// <summary>Hours of the day (China time) that some slot covers, of 24; and slots done, missed and to come.</summary>
internal sealed record WaveDto(
    Guid Id,
    string Name,
    DateTimeOffset StartsAt,
    int Teams,
    int HoursCovered,
    int Done,
    int Missed,
    int Upcoming,
    List<WaveSlotDto> Slots
);

internal static class WaveViews
{
    public static async Task<WaveDto?> LoadAsync(WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct)
    {
        var w = await db.Set<WaveInspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
            return null;
        var now = clock.GetUtcNow();
        var slots = await db.Set<WaveSlot>().AsNoTracking().Where(s => s.CampaignId == id).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var projectIds = slots.Select(s => s.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var inspectionIds = slots.Where(s => s.InspectionId != null).Select(s => s.InspectionId!.Value).ToList();
        var findings = await db.Set<Finding>()
            .Where(f => inspectionIds.Contains(f.InspectionId))
            .GroupBy(f => f.InspectionId)
            .Select(x => new { x.Key, N = x.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var hours = new HashSet<int>();
        foreach (var s in slots)
            for (var t = s.StartsAt; t < s.EndsAt; t = t.AddHours(1))
                hours.Add(ChinaTime.ToChina(t).Hour);
        var dtos = slots
            .Where(s => names.ContainsKey(s.ProjectId))
            .Select(s => new WaveSlotDto(
                s.Id,
                s.TeamName,
                s.ProjectId,
                names[s.ProjectId],
                s.StartsAt,
                s.EndsAt,
                s.StatusAt(now),
                s.InspectionId,
                s.InspectionId is { } i ? findings.GetValueOrDefault(i) : 0
            ))
            .ToList();
        return new WaveDto(
            w.Id,
            w.Name,
            w.StartsAt,
            slots.Select(s => s.TeamName).Distinct().Count(),
            hours.Count,
            dtos.Count(d => d.Status == "done"),
            dtos.Count(d => d.Status == "missed"),
            dtos.Count(d => d.Status == "upcoming"),
            dtos
        );
    }
}
