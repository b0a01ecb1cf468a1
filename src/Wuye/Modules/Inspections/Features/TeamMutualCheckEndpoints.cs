using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record TeamInput(Guid? ProjectId, string? Name, Guid? LeaderUserId) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "项目", "Project")
        .Required("name", Name, "班组名称", "Team name").MaxLength("name", Name, 50, "班组名称", "Team name");
}

public sealed record TeamDto(Guid Id, Guid ProjectId, string Name, Guid? LeaderUserId, string? LeaderName);

public sealed record MutualCheckInput(Guid? CheckingTeamId, Guid? CheckedTeamId, DateOnly? CheckedOn, string? Method, string? Problems,
    decimal? DeductedPoints, DateOnly? FixDeadline) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("checkingTeamId", CheckingTeamId, "检查班组", "Checking team").Required("checkedTeamId", CheckedTeamId, "被检查班组", "Checked team")
         .Required("method", Method, "检查方式", "Method").MaxLength("method", Method, 100, "检查方式", "Method")
         .MaxLength("problems", Problems, 1000, "问题点", "Problems").Range("deductedPoints", DeductedPoints, 0, 100, "扣分", "Points");
        if (!string.IsNullOrWhiteSpace(Problems) && FixDeadline is null) v.Add("fixDeadline", "发现问题时须设定整改时限", "A fix deadline is required when problems are found");
    }
}

public sealed record MutualCheckDto(Guid Id, Guid ProjectId, Guid CheckingTeamId, string CheckingTeam, Guid CheckedTeamId, string CheckedTeam,
    DateOnly CheckedOn, DateOnly WeekStart, string Method, string? Problems, decimal DeductedPoints, DateOnly? FixDeadline, string? Measures,
    DateOnly? MeasuresOn, bool Verified, bool Late);

/// <summary>A team's month (or quarter); <see cref="Rank"/> and <see cref="RedFlag"/> are among the teams of its own project.</summary>
public sealed record TeamMonthRow(Guid TeamId, string Team, string? Leader, int ChecksReceived, decimal DeductedPoints, int LateFixes,
    int ChecksMade, int WeeksInPeriod, decimal Score, int Rank, bool RedFlag, Guid ProjectId);

public sealed record LeaderPoints(Guid TeamId, string Team, Guid? LeaderUserId, string? Leader, int Rank, decimal Points, Guid ProjectId);

public sealed record TeamQuarterReport(string Quarter, List<TeamMonthRow> Ranking, List<LeaderPoints> LeaderPoints);

public sealed record MeasuresInput(string? Measures) : IValidatable
{
    public void Validate(Validator v) => v.Required("measures", Measures, "整改措施", "Measures").MaxLength("measures", Measures, 1000, "整改措施", "Measures");
}

/// <summary>
/// 班组互查 as 万科 #1 describes it: weekly, team checks team; problems with a fix deadline; the checked
/// team submits measures; the safety lead verifies; the month's figures choose the flowing red flag
/// (流动红旗) and the quarter's ranking gives the first and last team leaders points (加/扣分).
/// A team's score is 100 less the points deducted in checks it received; ties go to fewer late fixes.
/// </summary>
public static class TeamMutualCheckEndpoints
{
    internal static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");
        string[] leads = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard];

        g.MapGet("/teams", async (WuyeDb db, Guid? projectId, CancellationToken ct) =>
            TypedResults.Ok(await db.Set<InspectionTeam>().AsNoTracking().Where(t => projectId == null || t.ProjectId == projectId)
                .OrderBy(t => t.Name).Select(t => new TeamDto(t.Id, t.ProjectId, t.Name, t.LeaderUserId, t.LeaderName)).ToListAsync(ct)))
            .WithSummary("Teams (班组) that check each other");

        g.MapPost("/teams", async Task<Created<TeamDto>> (WuyeDb db, TeamInput body, CancellationToken ct) =>
        {
            var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                ?? throw Qpi.Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            var name = body.Name!.Trim();
            if (await db.Set<InspectionTeam>().AnyAsync(t => t.ProjectId == project.Id && t.Name == name, ct))
                throw new RuleException("inspection_team.duplicate_name", $"该项目已有班组“{name}”", $"The project already has a team \"{name}\"");
            string? leaderName = null;
            if (body.LeaderUserId is { } leader)
            {
                if (!await QpiStaff.StaffGrants(db, project.Id, project.CompanyId).AnyAsync(r => r.UserId == leader, ct))
                    throw Qpi.Invalid("leaderUserId", "班长不在该项目", "The leader does not work at this project");
                leaderName = await Qpi.UserNameAsync(db, leader, ct);
            }
            var team = new InspectionTeam { CompanyId = project.CompanyId, ProjectId = project.Id, Name = name, LeaderUserId = body.LeaderUserId, LeaderName = leaderName };
            db.Add(team);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/team-mutual-checks/teams/{team.Id}", new TeamDto(team.Id, team.ProjectId, team.Name, team.LeaderUserId, team.LeaderName));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager).WithSummary("Add a team");

        g.MapGet("/", async (WuyeDb db, TimeProvider clock, Guid? projectId, string? month, int? page, int? pageSize, CancellationToken ct) =>
        {
            var q = db.Set<TeamMutualCheck>().AsNoTracking().Where(c => projectId == null || c.ProjectId == projectId);
            if (month is not null)
            {
                if (!Qpi.TryMonth(month, out var m)) throw Qpi.Invalid("month", "月份格式应为 2026-11", "Month must look like 2026-11");
                var next = m.AddMonths(1);
                q = q.Where(c => c.CheckedOn >= m && c.CheckedOn < next);
            }
            var paged = await q.OrderByDescending(c => c.CheckedOn).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(new Paged<MutualCheckDto>(await ToDtosAsync(db, clock, paged.Items, ct), paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("Team mutual checks (班组互查)");

        g.MapPost("/", async Task<Created<MutualCheckDto>> (WuyeDb db, TimeProvider clock, MutualCheckInput body, CancellationToken ct) =>
        {
            var today = Qpi.Today(clock);
            var teams = await db.Set<InspectionTeam>().AsNoTracking().Where(t => t.Id == body.CheckingTeamId || t.Id == body.CheckedTeamId).ToListAsync(ct);
            var checking = teams.FirstOrDefault(t => t.Id == body.CheckingTeamId) ?? throw Qpi.Invalid("checkingTeamId", "检查班组不存在", "Checking team not found");
            var checkedTeam = teams.FirstOrDefault(t => t.Id == body.CheckedTeamId) ?? throw Qpi.Invalid("checkedTeamId", "被检查班组不存在", "Checked team not found");
            if (checking.Id == checkedTeam.Id)
                throw new RuleException("team_mutual_check.self_check", "班组不能检查自己", "A team cannot check itself");
            if (checking.ProjectId != checkedTeam.ProjectId)
                throw new RuleException("team_mutual_check.other_project", "互查的两个班组须在同一项目", "Both teams must belong to the same project");
            var on = body.CheckedOn ?? today;
            if (on > today) throw Qpi.Invalid("checkedOn", "检查日期不能晚于今天", "The check date cannot be in the future");
            if (body.FixDeadline is { } dl && dl < today)
                throw Qpi.Invalid("fixDeadline", $"整改时限不能早于今天（{today:yyyy-MM-dd}）", $"The fix deadline cannot be in the past (today is {today:yyyy-MM-dd})");
            var week = InspectionService.PeriodStart(CheckFrequency.Weekly, on);
            if (await db.Set<TeamMutualCheck>().AnyAsync(c => c.CheckingTeamId == checking.Id && c.CheckedTeamId == checkedTeam.Id && c.WeekStart == week, ct))
                throw new RuleException("team_mutual_check.already_this_week", $"{checking.Name}本周（{week:MM-dd} 起）已检查过{checkedTeam.Name}",
                    $"{checking.Name} already checked {checkedTeam.Name} in the week of {week:yyyy-MM-dd}");
            var check = new TeamMutualCheck
            {
                CompanyId = checking.CompanyId, ProjectId = checking.ProjectId, CheckingTeamId = checking.Id, CheckedTeamId = checkedTeam.Id,
                CheckedOn = on, WeekStart = week, Method = body.Method!.Trim(), Problems = string.IsNullOrWhiteSpace(body.Problems) ? null : body.Problems.Trim(),
                DeductedPoints = body.DeductedPoints ?? 0, FixDeadline = body.FixDeadline,
            };
            db.Add(check);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/team-mutual-checks/{check.Id}", (await ToDtosAsync(db, clock, [check], ct))[0]);
        }).RequireRoles(leads).WithSummary("Record a weekly check of one team by another");

        g.MapPost("/{id:guid}/measures", async Task<Results<Ok<MutualCheckDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, MeasuresInput body, CancellationToken ct) =>
        {
            var check = await db.Set<TeamMutualCheck>().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (check is null) return TypedResults.NotFound();
            if (check.VerifiedAt is not null) throw new RuleException("team_mutual_check.verified", "已验证，不能再提交整改措施", "Already verified; measures can no longer change");
            check.Measures = body.Measures!.Trim();
            check.MeasuresOn = Qpi.Today(clock);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await ToDtosAsync(db, clock, [check], ct))[0]);
        }).RequireRoles(leads).WithSummary("The checked team submits its measures");

        g.MapPost("/{id:guid}/verify", async Task<Results<Ok<MutualCheckDto>, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var me = Qpi.Me(db);
            var check = await db.Set<TeamMutualCheck>().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (check is null) return TypedResults.NotFound();
            if (check.Problems is not null && check.Measures is null)
                throw new RuleException("team_mutual_check.no_measures", "被检查班组尚未提交整改措施", "The checked team has not submitted its measures");
            if (await db.Set<InspectionTeam>().AnyAsync(t => t.Id == check.CheckedTeamId && t.LeaderUserId == me, ct))
                throw new RuleException("team_mutual_check.verifier_is_checked_leader", "验证须由被检查班组以外的安全负责人进行", "The verification must be done by someone outside the checked team");
            check.VerifiedBy = me;
            check.VerifiedAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok((await ToDtosAsync(db, clock, [check], ct))[0]);
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard).WithSummary("The safety lead verifies the measures");

        g.MapGet("/ranking", async (WuyeDb db, TimeProvider clock, Guid? projectId, string? month, CancellationToken ct) =>
        {
            var m = Qpi.MonthOf(Qpi.Today(clock));
            if (month is not null && !Qpi.TryMonth(month, out m)) throw Qpi.Invalid("month", "月份格式应为 2026-11", "Month must look like 2026-11");
            return TypedResults.Ok(await RankAsync(db, clock, projectId, m, m.AddMonths(1), ct));
        }).WithSummary("A month's ranking of teams; the first holds the flowing red flag (流动红旗)");

        g.MapGet("/leader-points", async (WuyeDb db, TimeProvider clock, IConfiguration config, Guid? projectId, int? year, int? quarter, CancellationToken ct) =>
        {
            var today = Qpi.Today(clock);
            var y = year ?? today.Year;
            var q = quarter ?? (today.Month - 1) / 3 + 1;
            if (q is < 1 or > 4) throw Qpi.Invalid("quarter", "季度应为 1 到 4", "Quarter must be 1 to 4");
            if (y is < 2000 or > 2100) throw Qpi.Invalid("year", "年份不正确", "Year is not valid");
            var start = new DateOnly(y, (q - 1) * 3 + 1, 1);
            var ranking = await RankAsync(db, clock, projectId, start, start.AddMonths(3), ct);
            var result = await LeaderPointsAsync(db, ranking, config.GetValue("Wuye:Inspections:LeaderPoints", 2m), ct);
            return TypedResults.Ok(new TeamQuarterReport($"{y}-Q{q}", ranking, result));
        }).WithSummary("A quarter's ranking: the first and last team leaders get points added or deducted (Wuye:Inspections:LeaderPoints, default 2)");
    }

    /// <summary>
    /// Per project, only a real contest ranks first and last: two teams or more, checked in the quarter, not all tied.
    /// Teams compete within their project (they check each other there), so each project has its own first and last.
    /// </summary>
    public static async Task<List<LeaderPoints>> LeaderPointsAsync(WuyeDb db, List<TeamMonthRow> ranking, decimal points, CancellationToken ct)
    {
        var ranked = ranking.Where(r => r.ChecksReceived > 0).ToList();
        var ids = ranked.Select(r => r.TeamId).ToList();
        var teams = await db.Set<InspectionTeam>().AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var result = new List<LeaderPoints>();
        foreach (var project in ranked.GroupBy(r => r.ProjectId))
        {
            if (project.Count() < 2) continue;
            var best = project.Min(r => r.Rank);
            var worst = project.Max(r => r.Rank);
            if (best != worst)
                foreach (var r in project.Where(r => r.Rank == best || r.Rank == worst))
                    result.Add(new LeaderPoints(r.TeamId, r.Team, teams[r.TeamId].LeaderUserId, r.Leader, r.Rank, r.Rank == best ? points : -points, r.ProjectId));
        }
        return result;
    }

    private static bool Late(TeamMutualCheck c, DateOnly today) =>
        c.FixDeadline is { } dl && (c.MeasuresOn is { } on ? on > dl : today > dl);

    public static async Task<List<TeamMonthRow>> RankAsync(WuyeDb db, TimeProvider clock, Guid? projectId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var today = Qpi.Today(clock);
        var teams = await db.Set<InspectionTeam>().AsNoTracking().Where(t => projectId == null || t.ProjectId == projectId).ToListAsync(ct);
        var checks = await db.Set<TeamMutualCheck>().AsNoTracking().Where(c => (projectId == null || c.ProjectId == projectId) && c.CheckedOn >= from && c.CheckedOn < to).ToListAsync(ct);
        var weeks = 0;
        for (var d = from; d < to; d = d.AddDays(1)) if (d.DayOfWeek == DayOfWeek.Monday) weeks++;
        var rows = teams.Select(t =>
        {
            var received = checks.Where(c => c.CheckedTeamId == t.Id).ToList();
            var deducted = received.Sum(c => c.DeductedPoints);
            return (Team: t, Received: received.Count, Deducted: deducted, Late: received.Count(c => Late(c, today)),
                Made: checks.Count(c => c.CheckingTeamId == t.Id), Score: QpiCalculator.Score(deducted));
        }).ToList();
        // Ranked within each project: a company-wide view shows every project's own ranking and red flag.
        var ordered = rows.OrderBy(r => r.Team.ProjectId).ThenByDescending(r => r.Received > 0).ThenByDescending(r => r.Score).ThenBy(r => r.Late).ThenBy(r => r.Team.Name).ToList();
        return [.. ordered.Select(r =>
        {
            var rank = r.Received == 0 ? 0 : 1 + ordered.Count(o => o.Team.ProjectId == r.Team.ProjectId && o.Received > 0 && (o.Score > r.Score || (o.Score == r.Score && o.Late < r.Late)));
            return new TeamMonthRow(r.Team.Id, r.Team.Name, r.Team.LeaderName, r.Received, r.Deducted, r.Late, r.Made, weeks, r.Score, rank, rank == 1, r.Team.ProjectId);
        })];
    }

    public static async Task<List<MutualCheckDto>> ToDtosAsync(WuyeDb db, TimeProvider clock, IReadOnlyList<TeamMutualCheck> checks, CancellationToken ct)
    {
        var today = Qpi.Today(clock);
        var ids = checks.SelectMany(c => new[] { c.CheckingTeamId, c.CheckedTeamId }).Distinct().ToList();
        var names = await db.Set<InspectionTeam>().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. checks.Select(c => new MutualCheckDto(c.Id, c.ProjectId, c.CheckingTeamId, names.GetValueOrDefault(c.CheckingTeamId) ?? "", c.CheckedTeamId,
            names.GetValueOrDefault(c.CheckedTeamId) ?? "", c.CheckedOn, c.WeekStart, c.Method, c.Problems, c.DeductedPoints, c.FixDeadline, c.Measures,
            c.MeasuresOn, c.VerifiedAt != null, Late(c, today)))];
    }
}
