using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RankTeams;

/// <summary>A team's month (or quarter); <see cref="Rank"/> and <see cref="RedFlag"/> are among the teams of its own project.</summary>
internal sealed record TeamMonthRow(
    Guid TeamId,
    string Team,
    string? Leader,
    int ChecksReceived,
    decimal DeductedPoints,
    int LateFixes,
    int ChecksMade,
    int WeeksInPeriod,
    decimal Score,
    int Rank,
    bool RedFlag,
    Guid ProjectId
);

internal sealed record LeaderPoints(Guid TeamId, string Team, Guid? LeaderUserId, string? Leader, int Rank, decimal Points, Guid ProjectId);

internal sealed record TeamQuarterReport(string Quarter, List<TeamMonthRow> Ranking, List<LeaderPoints> LeaderPoints);

/// <summary>
/// 班组互查 as 万科 #1 describes it: weekly, team checks team; problems with a fix deadline; the checked
/// team submits measures; the safety lead verifies; the month's figures choose the flowing red flag
/// (流动红旗) and the quarter's ranking gives the first and last team leaders points (加/扣分).
/// A team's score is 100 less the points deducted in checks it received; ties go to fewer late fixes.
/// </summary>
internal static class TeamRanking
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        g.MapGet("/ranking", async (WuyeDb db, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
            {
                var m = Qpi.MonthOrThis(month, clock);
                return TypedResults.Ok(await RankAsync(db, clock, projectId, m, m.AddMonths(1), ct));
            })
            .WithSummary("A month's ranking of teams; the first holds the flowing red flag (流动红旗)");

        g.MapGet(
                "/leader-points",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    Microsoft.Extensions.Options.IOptions<InspectionsOptions> options,
                    Guid? projectId,
                    int? year,
                    int? quarter,
                    CancellationToken ct
                ) =>
                {
                    var today = ChinaTime.Today(clock);
                    var y = year ?? today.Year;
                    var q = quarter ?? (today.Month - 1) / 3 + 1;
                    if (q is < 1 or > 4)
                        throw ValidationException.For("quarter", "季度应为 1 到 4", "Quarter must be 1 to 4");
                    if (y is < 2000 or > 2100)
                        throw ValidationException.For("year", "年份不正确", "Year is not valid");
                    var start = new DateOnly(y, (q - 1) * 3 + 1, 1);
                    var ranking = await RankAsync(db, clock, projectId, start, start.AddMonths(3), ct);
                    var result = await LeaderPointsAsync(db, ranking, options.Value.LeaderPoints, ct);
                    return TypedResults.Ok(new TeamQuarterReport($"{y}-Q{q}", ranking, result));
                }
            )
            .WithSummary(
                "A quarter's ranking: the first and last team leaders get points added or deducted (Wuye:Inspections:LeaderPoints, "
                    + "default 2)"
            );
    }

    /// <summary>
    /// Per project, only a real contest ranks first and last: two teams or more, checked in the quarter, not all tied.
    /// Teams compete within their project (they check each other there), so each project has its own first and last.
    /// </summary>
    public static async Task<List<LeaderPoints>> LeaderPointsAsync(
        WuyeDb db,
        List<TeamMonthRow> ranking,
        decimal points,
        CancellationToken ct
    )
    {
        var ranked = ranking.Where(r => r.ChecksReceived > 0).ToList();
        var ids = ranked.Select(r => r.TeamId).ToList();
        var teams = await db.Set<InspectionTeam>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var result = new List<LeaderPoints>();
        foreach (var project in ranked.GroupBy(r => r.ProjectId))
        {
            if (project.Count() < 2)
                continue;
            var best = project.Min(r => r.Rank);
            var worst = project.Max(r => r.Rank);
            if (best != worst)
                foreach (var r in project.Where(r => r.Rank == best || r.Rank == worst))
                    result.Add(
                        new LeaderPoints(
                            r.TeamId,
                            r.Team,
                            teams[r.TeamId].LeaderUserId,
                            r.Leader,
                            r.Rank,
                            r.Rank == best ? points : -points,
                            r.ProjectId
                        )
                    );
        }
        return result;
    }

    public static async Task<List<TeamMonthRow>> RankAsync(
        WuyeDb db,
        TimeProvider clock,
        Guid? projectId,
        DateOnly from,
        DateOnly to,
        CancellationToken ct
    )
    {
        var today = ChinaTime.Today(clock);
        var teams = await db.Set<InspectionTeam>().AsNoTracking().Where(t => projectId == null || t.ProjectId == projectId).ToListAsync(ct);
        var checks = await db.Set<TeamMutualCheck>()
            .AsNoTracking()
            .Where(c => (projectId == null || c.ProjectId == projectId) && c.CheckedOn >= from && c.CheckedOn < to)
            .ToListAsync(ct);
        var weeks = 0;
        for (var d = from; d < to; d = d.AddDays(1))
            if (d.DayOfWeek == DayOfWeek.Monday)
                weeks++;
        var rows = teams
            .Select(t =>
            {
                var received = checks.Where(c => c.CheckedTeamId == t.Id).ToList();
                var deducted = received.Sum(c => c.DeductedPoints);
                return (
                    Team: t,
                    Received: received.Count,
                    Deducted: deducted,
                    Late: received.Count(c => c.IsLate(today)),
                    Made: checks.Count(c => c.CheckingTeamId == t.Id),
                    Score: QpiCalculator.Score(deducted)
                );
            })
            .ToList();
        // Ranked within each project: a company-wide view shows every project's own ranking and red flag.
        var ordered = rows.OrderBy(r => r.Team.ProjectId)
            .ThenByDescending(r => r.Received > 0)
            .ThenByDescending(r => r.Score)
            .ThenBy(r => r.Late)
            .ThenBy(r => r.Team.Name)
            .ToList();
        return
        [
            .. ordered.Select(r =>
            {
                var rank =
                    r.Received == 0
                        ? 0
                        : 1
                            + ordered.Count(o =>
                                o.Team.ProjectId == r.Team.ProjectId
                                && o.Received > 0
                                && (o.Score > r.Score || (o.Score == r.Score && o.Late < r.Late))
                            );
                return new TeamMonthRow(
                    r.Team.Id,
                    r.Team.Name,
                    r.Team.LeaderName,
                    r.Received,
                    r.Deducted,
                    r.Late,
                    r.Made,
                    weeks,
                    r.Score,
                    rank,
                    rank == 1,
                    r.Team.ProjectId
                );
            }),
        ];
    }
}
