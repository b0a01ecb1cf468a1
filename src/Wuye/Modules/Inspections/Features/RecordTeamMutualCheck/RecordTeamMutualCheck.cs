using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RecordTeamMutualCheck;

internal sealed record MutualCheckInput(
    Guid? CheckingTeamId,
    Guid? CheckedTeamId,
    DateOnly? CheckedOn,
    string? Method,
    string? Problems,
    decimal? DeductedPoints,
    DateOnly? FixDeadline
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("checkingTeamId", CheckingTeamId, "检查班组", "Checking team")
            .Required("checkedTeamId", CheckedTeamId, "被检查班组", "Checked team")
            .Required("method", Method, "检查方式", "Method")
            .MaxLength("method", Method, 100, "检查方式", "Method")
            .MaxLength("problems", Problems, 1000, "问题点", "Problems")
            .Range("deductedPoints", DeductedPoints, 0, 100, "扣分", "Points");
        if (!string.IsNullOrWhiteSpace(Problems) && FixDeadline is null)
            v.Add("fixDeadline", "发现问题时须设定整改时限", "A fix deadline is required when problems are found");
    }
}

/// <summary>Record a weekly check of one team by another (万科 #1).</summary>
internal static class RecordTeamMutualCheckEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/team-mutual-checks").WithTags("Inspections");

        string[] leads = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.SecurityGuard];

        g.MapPost("/", async Task<Created<MutualCheckDto>> (WuyeDb db, TimeProvider clock, MutualCheckInput body, CancellationToken ct) =>
            {
                var today = ChinaTime.Today(clock);
                var teams = await db.Set<InspectionTeam>()
                    .AsNoTracking()
                    .Where(t => t.Id == body.CheckingTeamId || t.Id == body.CheckedTeamId)
                    .ToListAsync(ct);
                var checking = teams.FirstOrDefault(t => t.Id == body.CheckingTeamId)
                    ?? throw ValidationException.For("checkingTeamId", "检查班组不存在", "Checking team not found");
                var checkedTeam = teams.FirstOrDefault(t => t.Id == body.CheckedTeamId)
                    ?? throw ValidationException.For("checkedTeamId", "被检查班组不存在", "Checked team not found");
                var check = TeamMutualCheck.Record(
                    checking,
                    checkedTeam,
                    body.CheckedOn,
                    today,
                    body.Method!,
                    body.Problems,
                    body.DeductedPoints,
                    body.FixDeadline
                );
                if (
                    await db.Set<TeamMutualCheck>()
                        .AnyAsync(
                            c => c.CheckingTeamId == checking.Id && c.CheckedTeamId == checkedTeam.Id && c.WeekStart == check.WeekStart,
                            ct
                        )
                )
                    throw TeamMutualCheck.AlreadyThisWeek(checking, checkedTeam, check.WeekStart);
                db.Add(check);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(
                    $"/api/v1/team-mutual-checks/{check.Id}",
                    (await MutualCheckViews.ToDtosAsync(db, clock, [check], ct))[0]
                );
            })
            .RequireRoles(leads)
            .WithSummary("Record a weekly check of one team by another");
    }
}
