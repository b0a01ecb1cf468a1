using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.StaffTalks;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.StaffAssessments;

/// <summary>A person's own month: their score and rank among the project's people, and their team's.</summary>
internal sealed record MyScoreDto(
    Guid ProjectId,
    string ProjectName,
    string Month,
    bool Closed,
    PersonScoreDto Person,
    int RankedOf,
    TeamScoreDto? Team
);

internal sealed record ReviewInput(Guid? ProjectId, string? Month) : IValidatable
{
    public void Validate(Validator v) => v.Required("projectId", ProjectId, "项目", "Project").Required("month", Month, "月份", "Month");
}

/// <summary>
/// /staff-assessments: the monthly scores and rankings of the projects a manager keeps, a person's own score, and the manager's
/// review of a closed month's ranking.
/// </summary>
internal sealed class StaffAssessmentsHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/staff-assessments").WithTags("Staff");
        g.MapGet("/", async (StaffAssessmentsHandler h, Guid? projectId, string? month, CancellationToken ct) =>
                TypedResults.Ok(await h.ListAsync(projectId, month, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Each kept project's month: people and teams scored and ranked (stored once the month is closed)");
        g.MapGet("/mine", async (StaffAssessmentsHandler h, string? month, CancellationToken ct) =>
                TypedResults.Ok(await h.MineAsync(month, ct))
            )
            .RequireRoles(StaffRoles.Examinees)
            .WithSummary("The reader's own score for a month, with their rank and their team's");
        g.MapPost("/review", async Task<Ok<ProjectAssessmentDto>> (StaffAssessmentsHandler h, ReviewInput body, CancellationToken ct) =>
                TypedResults.Ok(await h.ReviewAsync(body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Mark a closed month's ranking of a kept project as reviewed");
    }

    public static DateOnly MonthOf(string? month, DateOnly today) =>
        StaffIndicators.NotAfterThisMonth(StaffTalkViews.MonthOrThis(string.IsNullOrWhiteSpace(month) ? null : month, today), today);

    public Task<List<ProjectAssessmentDto>> ListAsync(Guid? projectId, string? month, CancellationToken ct)
    {
        var m = MonthOf(month, ChinaTime.Today(clock));
        var projects = StaffTalkViews.KeptProjects(db);
        if (projectId is { } p)
            projects = projects.Where(x => x.Id == p);
        return StaffScores.ReadAsync(db, projects, m, clock.GetUtcNow(), ct);
    }

    public async Task<List<MyScoreDto>> MineAsync(string? month, CancellationToken ct)
    {
        var m = MonthOf(month, ChinaTime.Today(clock));
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var mine = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.UserId == me && s.ArchivedAt == null && s.ProjectId != null)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, ProjectId = s.ProjectId!.Value })
            .Take(20)
            .ToListAsync(ct);
        var projectIds = mine.Select(s => s.ProjectId).Distinct().ToArray();
        var months = await StaffScores.ReadAsync(db, db.ProjectRefs().Where(p => projectIds.Contains(p.Id)), m, clock.GetUtcNow(), ct);
        return
        [
            .. from p in months
            from person in p.People
            where mine.Any(s => s.Id == person.StaffMemberId)
            select new MyScoreDto(
                p.ProjectId,
                p.ProjectName,
                p.Month,
                p.Closed,
                person,
                p.People.Count,
                p.Teams.FirstOrDefault(t => t.TeamId == person.TeamId)
            ),
        ];
    }

    public async Task<ProjectAssessmentDto> ReviewAsync(ReviewInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var month = MonthOf(input.Month, ChinaTime.Today(clock));
        var projects = StaffTalkViews.KeptProjects(db).Where(p => p.Id == input.ProjectId);
        if (!await projects.AnyAsync(ct))
            throw ValidationException.For("projectId", "项目不存在或不由您管理", "Project not found among those you keep");
        var closed = await db.Set<StaffAssessmentMonth>().FirstOrDefaultAsync(m => m.ProjectId == input.ProjectId && m.Month == month, ct)
            ?? throw new RuleException("assessment.not_closed", "该月考核尚未结算", "This month's assessment has not been closed yet");
        var me = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        closed.Review(me, name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await StaffScores.ReadAsync(db, projects, month, clock.GetUtcNow(), ct))[0];
    }
}

/// <summary>The project manager's line when a closed month's ranking of a project he manages waits for his review.</summary>
internal sealed class AssessmentHomeTasks(WuyeDb db) : IHomeTaskSource
{
    public async Task<IReadOnlyList<HomeTask>> TasksAsync(Platform.Tenancy.DataScope scope, string role, CancellationToken ct)
    {
        if (role != Roles.ProjectManager)
            return [];
        var projects = StaffTalkViews.KeptProjects(db, role).Select(p => p.Id);
        var waiting = await db.Set<StaffAssessmentMonth>()
            .AsNoTracking()
            .Where(m => m.ReviewedAt == null && projects.Contains(m.ProjectId))
            .OrderBy(m => m.Month)
            .Select(m => m.Month)
            .Take(50)
            .ToListAsync(ct);
        var link = waiting.Count == 0 ? StaffScores.Page : $"{StaffScores.Page}?month={waiting[0]:yyyy-MM}";
        return [new(Loc.T("月度考核排名待审阅", "Monthly staff rankings to review"), waiting.Count, link)];
    }
}
