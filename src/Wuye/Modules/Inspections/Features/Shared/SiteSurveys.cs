using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record SurveyAnswerDto(int Position, string Topic, int Score, string? Comment);

internal sealed record SurveyDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    string Respondent,
    string RespondentKind,
    string Period,
    string RespondentName,
    string SurveyorName,
    DateTimeOffset SubmittedAt,
    decimal AverageScore,
    bool Late,
    string? Summary,
    List<SurveyAnswerDto> Answers
);

/// <summary>One survey due at a supervised site: submitted (on time or late), due in the current period, or overdue.</summary>
internal sealed record SurveyScheduleRow(
    Guid ProjectId,
    string ProjectName,
    string Respondent,
    string Period,
    DateTimeOffset DueAt,
    string Status,
    Guid? SurveyId,
    decimal? AverageScore,
    decimal? Change
);

/// <summary>
/// 前期驻点项目服务质量调查 (seed 002 篇3): the supervisor surveys the sales office every month (report by month
/// end), the project head the developer every quarter. A site is due a survey for every period in which it was
/// under supervision (it had supervision checks then); a period that ended without one is overdue.
/// </summary>
internal static class SiteSurveys
{
    public static bool TryRespondent(string? text, out SurveyRespondent r)
    {
        r = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "sales_office" or "salesoffice" or "销售部":
                r = SurveyRespondent.SalesOffice;
                return true;
            case "developer" or "开发建设单位":
                r = SurveyRespondent.Developer;
                return true;
            default:
                return false;
        }
    }

    public static string Code(SurveyRespondent r) => r == SurveyRespondent.SalesOffice ? "sales_office" : "developer";

    public static string Name(SurveyRespondent r) =>
        r == SurveyRespondent.SalesOffice
            ? Loc.T("销售部（月度）", "Sales office (monthly)")
            : Loc.T("开发建设单位（季度）", "Developer (quarterly)");

    /// <summary>"2026-11" for a month, "2026-Q4" for a quarter.</summary>
    public static bool TryPeriod(SurveyRespondent r, string text, out DateOnly start)
    {
        start = default;
        var t = text.Trim().ToUpperInvariant();
        if (r == SurveyRespondent.Developer)
        {
            var parts = t.Split("-Q");
            if (
                parts.Length != 2
                || !int.TryParse(parts[0], out var y)
                || !int.TryParse(parts[1], out var q)
                || q is < 1 or > 4
                || y is < 2000 or > 2100
            )
                return false;
            start = new DateOnly(y, (q - 1) * 3 + 1, 1);
            return true;
        }
        return Qpi.TryMonth(t, out start);
    }

    public static async Task<List<SurveyDto>> ListAsync(WuyeDb db, Guid? projectId, CancellationToken ct)
    {
        var surveys = await db.Set<SiteSurvey>()
            .AsNoTracking()
            .Where(s => projectId == null || s.ProjectId == projectId)
            .OrderByDescending(s => s.PeriodStart)
            .ThenBy(s => s.Respondent)
            .Take(200)
            .ToListAsync(ct);
        return await ToDtosAsync(db, surveys, ct);
    }

    private static async Task<List<SurveyDto>> ToDtosAsync(WuyeDb db, List<SiteSurvey> surveys, CancellationToken ct)
    {
        var ids = surveys.Select(s => s.Id).ToList();
        var answers = await db.Set<SiteSurveyAnswer>()
            .AsNoTracking()
            .Where(a => ids.Contains(a.SurveyId))
            .OrderBy(a => a.Position)
            .ToListAsync(ct);
        var projectIds = surveys.Select(s => s.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return
        [
            .. surveys.Select(s => new SurveyDto(
                s.Id,
                s.ProjectId,
                names.GetValueOrDefault(s.ProjectId) ?? "",
                Code(s.Respondent),
                Name(s.Respondent),
                SiteSurvey.PeriodText(s.Respondent, s.PeriodStart),
                s.RespondentName,
                s.SurveyorName,
                s.SubmittedAt,
                s.AverageScore,
                s.Late,
                s.Summary,
                [.. answers.Where(a => a.SurveyId == s.Id).Select(a => new SurveyAnswerDto(a.Position, a.Topic, a.Score, a.Comment))]
            )),
        ];
    }

    /// <summary>The last six months (sales office) and four quarters (developer) of every supervised site, oldest first, with the score's
    /// change.</summary>
    public static async Task<List<SurveyScheduleRow>> ScheduleAsync(WuyeDb db, TimeProvider clock, Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var from = SiteSurvey.PeriodOf(SurveyRespondent.Developer, today).AddMonths(-9);
        var checks = await db.Set<SupervisionCheck>()
            .AsNoTracking()
            .Where(c => c.CheckedOn >= from && (projectId == null || c.ProjectId == projectId))
            .Select(c => new { c.ProjectId, c.CheckedOn })
            .Distinct()
            .ToListAsync(ct);
        var sites = checks.Select(c => c.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().AsNoTracking().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var surveys = await db.Set<SiteSurvey>()
            .AsNoTracking()
            .Where(s => sites.Contains(s.ProjectId) && s.PeriodStart >= from)
            .ToListAsync(ct);
        var rows = new List<SurveyScheduleRow>();
        foreach (var site in sites.Where(names.ContainsKey).OrderBy(s => names[s]))
        foreach (var (r, count) in new[] { (SurveyRespondent.SalesOffice, 6), (SurveyRespondent.Developer, 4) })
        {
            decimal? previous = null;
            var current = SiteSurvey.PeriodOf(r, today);
            for (var i = count - 1; i >= 0; i--)
            {
                var start = current.AddMonths(-i * SiteSurvey.Months(r));
                var end = start.AddMonths(SiteSurvey.Months(r));
                var survey = surveys.FirstOrDefault(s => s.ProjectId == site && s.Respondent == r && s.PeriodStart == start);
                var supervised = checks.Any(c => c.ProjectId == site && c.CheckedOn >= start && c.CheckedOn < end);
                if (survey is null && !supervised)
                    continue;
                var due = SiteSurvey.DueAt(r, start);
                var status =
                    survey is not null ? (survey.Late ? "late" : "submitted")
                    : now >= due ? "overdue"
                    : "due";
                rows.Add(
                    new SurveyScheduleRow(
                        site,
                        names[site],
                        Code(r),
                        SiteSurvey.PeriodText(r, start),
                        due,
                        status,
                        survey?.Id,
                        survey?.AverageScore,
                        survey is not null && previous is { } p ? survey.AverageScore - p : null
                    )
                );
                if (survey is not null)
                    previous = survey.AverageScore;
            }
        }
        return rows;
    }
}
