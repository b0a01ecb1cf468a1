using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.SubmitWeeklyReport;

/// <summary>A week's report; <see cref="WeekStart"/> (any day of that week) hands in a past week's missed report, late.</summary>
internal sealed record WeeklyReportInput(
    Guid? ProjectId,
    int? SignedHouseholds,
    int? UnsignedHouseholds,
    string? Problems,
    string? CustomerOpinions,
    string? Improvements,
    string? DeveloperNews,
    string? SiteStatus,
    string? NextWeekPlan,
    DateOnly? WeekStart = null
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "驻点项目", "Site")
            .Required("signedHouseholds", SignedHouseholds, "签约户数", "Signed households")
            .Required("unsignedHouseholds", UnsignedHouseholds, "未签约户数", "Unsigned households")
            .Range("signedHouseholds", SignedHouseholds, 0, 100000, "签约户数", "Signed households")
            .Range("unsignedHouseholds", UnsignedHouseholds, 0, 100000, "未签约户数", "Unsigned households")
            .Required("problems", Problems, "存在问题及原因分析", "Problems and causes")
            .MaxLength("problems", Problems, 2000, "存在问题", "Problems");
        foreach (
            var (field, value) in new[]
            {
                ("customerOpinions", CustomerOpinions),
                ("improvements", Improvements),
                ("developerNews", DeveloperNews),
                ("siteStatus", SiteStatus),
                ("nextWeekPlan", NextWeekPlan),
            }
        )
            v.MaxLength(field, value, 2000, "内容", "Text");
    }
}

/// <summary>Submit a site's weekly written report (due Friday 17:00), or a missed one of the last weeks, late.</summary>
internal static class SubmitWeeklyReportEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-supervision").WithTags("Inspections");

        string[] staff = [Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager, Roles.CustomerService];

        g.MapPost(
                "/weekly-reports",
                async Task<Created<WeeklyReportDto>> (WuyeDb db, TimeProvider clock, WeeklyReportInput body, CancellationToken ct) =>
                {
                    var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                        ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                    var now = clock.GetUtcNow();
                    var week = SupervisionWeeklyReport.WeekFor(body.WeekStart, ChinaTime.Today(clock));
                    if (await db.Set<SupervisionWeeklyReport>().AnyAsync(r => r.ProjectId == project.Id && r.WeekStart == week, ct))
                        throw SupervisionWeeklyReport.AlreadyIn(week);
                    var report = new SupervisionWeeklyReport
                    {
                        CompanyId = project.CompanyId,
                        ProjectId = project.Id,
                        WeekStart = week,
                        AuthorUserId = Qpi.Me(db),
                        SubmittedAt = now,
                        SignedHouseholds = body.SignedHouseholds!.Value,
                        UnsignedHouseholds = body.UnsignedHouseholds!.Value,
                        Problems = body.Problems!.Trim(),
                        CustomerOpinions = body.CustomerOpinions?.Trim(),
                        Improvements = body.Improvements?.Trim(),
                        DeveloperNews = body.DeveloperNews?.Trim(),
                        SiteStatus = body.SiteStatus?.Trim(),
                        NextWeekPlan = body.NextWeekPlan?.Trim(),
                        Late = now > SupervisionWeeklyReport.DueAt(week),
                    };
                    db.Add(report);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Created(
                        $"/api/v1/site-supervision/weekly-reports/{report.Id}",
                        new WeeklyReportDto(
                            report.Id,
                            report.ProjectId,
                            week,
                            SupervisionWeeklyReport.DueAt(week),
                            now,
                            report.Late,
                            report.SignedHouseholds,
                            report.UnsignedHouseholds,
                            report.Problems
                        )
                    );
                }
            )
            .RequireRoles(staff)
            .WithSummary("Submit this week's written report (due Friday 17:00)");
    }
}
