using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Inspections.Contracts;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorStars;

internal sealed record StarNomineeDto(
    Guid StaffId,
    string Name,
    bool IsLeader,
    Guid VendorId,
    string VendorName,
    string TeamName,
    int TeamTasksDue,
    int TeamTasksOnTime,
    int Checks,
    int ChecksFailed,
    decimal DeductionPoints,
    int OwnOnTime,
    decimal Score
);

/// <summary>
/// The nominees of a project's month (000#17): every live employee of the project's vendor crews, with the records of the zones
/// their crew keeps in that month and the tasks they did on time themselves, best first by <see cref="StarRecords.Score"/>.
/// </summary>
internal sealed class VendorStarNominees(WuyeDb db)
{
    public async Task<List<StarNomineeDto>> ForAsync(Guid projectId, DateOnly month, CancellationToken ct)
    {
        var first = VendorMeeting.MonthOf(month);
        var last = first.AddMonths(1).AddDays(-1);
        var teams = await db.TeamRefs().Where(t => t.ProjectId == projectId && t.VendorId != null && t.ArchivedAt == null).ToListAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToList();
        var vendorIds = teams.Select(t => t.VendorId!.Value).Distinct().ToList();
        var vendors = await db.VendorRefs().Where(v => vendorIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var staff = await db.StaffRefs()
            .Where(s => s.TeamId != null && teamIds.Contains(s.TeamId.Value) && s.ArchivedAt == null)
            .ToListAsync(ct);
        var zones = await db.Set<EnvironmentZone>()
            .Where(z => z.ProjectId == projectId && z.TeamId != null && teamIds.Contains(z.TeamId.Value))
            .Select(z => new { z.Id, TeamId = z.TeamId!.Value })
            .ToListAsync(ct);
        var zoneIds = zones.Select(z => z.Id).ToList();
        var tasks = await db.Set<EnvironmentTask>()
            .Where(t => zoneIds.Contains(t.EnvironmentZoneId) && t.DueOn >= first && t.DueOn <= last)
            .Select(t => new
            {
                t.EnvironmentZoneId,
                t.DueOn,
                t.DoneAt,
                t.DoneByUserId,
                t.CheckPassed,
                t.FindingId,
            })
            .ToListAsync(ct);
        var findingIds = tasks.Where(t => t.FindingId != null).Select(t => t.FindingId!.Value).Distinct().ToList();
        var points = await db.DeductionFindings().Where(f => findingIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Points, ct);
        bool OnTime(DateTimeOffset? doneAt, DateOnly due) => doneAt is { } d && d < ChinaTime.StartOf(due.AddDays(1));
        var teamOf = zones.ToDictionary(z => z.Id, z => z.TeamId);
        var byTeam = tasks.ToLookup(t => teamOf[t.EnvironmentZoneId]);
        return
        [
            .. staff
                .Select(s =>
                {
                    var team = teams.First(t => t.Id == s.TeamId);
                    var mine = byTeam[team.Id].ToList();
                    var records = new StarRecords(
                        mine.Count,
                        mine.Count(t => OnTime(t.DoneAt, t.DueOn)),
                        mine.Count(t => t.CheckPassed != null),
                        mine.Count(t => t.CheckPassed == false),
                        mine.Where(t => t.FindingId != null).Select(t => t.FindingId!.Value).Distinct().Sum(points.GetValueOrDefault),
                        s.UserId is { } u ? tasks.Count(t => t.DoneByUserId == u && OnTime(t.DoneAt, t.DueOn)) : 0
                    );
                    return new StarNomineeDto(
                        s.Id,
                        s.Name,
                        s.IsLeader,
                        team.VendorId!.Value,
                        vendors.GetValueOrDefault(team.VendorId.Value) ?? "",
                        team.Name,
                        records.TeamTasksDue,
                        records.TeamTasksOnTime,
                        records.Checks,
                        records.ChecksFailed,
                        records.DeductionPoints,
                        records.OwnOnTime,
                        records.Score
                    );
                })
                .OrderByDescending(n => n.Score)
                .ThenByDescending(n => n.OwnOnTime)
                .ThenByDescending(n => n.IsLeader)
                .ThenBy(n => n.Name)
                .ThenBy(n => n.StaffId),
        ];
    }
}
