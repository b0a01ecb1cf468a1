using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record SurveyAnswerInput(int? Position, int? Score, string? Comment);

public sealed record SurveyInput(Guid? ProjectId, string? Respondent, string? Period, string? RespondentName, string? Summary, List<SurveyAnswerInput>? Answers) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "驻点项目", "Site").Required("respondentName", RespondentName, "被调查人", "Respondent")
         .MaxLength("respondentName", RespondentName, 100, "被调查人", "Respondent").MaxLength("summary", Summary, 2000, "分析改善意见", "Summary");
        if (!SiteSurveys.TryRespondent(Respondent, out _)) v.Add("respondent", "调查对象应为 sales_office（销售部，每月）或 developer（开发建设单位，每季度）", "Respondent must be sales_office (monthly) or developer (quarterly)");
        if (Answers is null) { v.Add("answers", "请逐项打分", "Score every topic"); return; }
        for (var i = 0; i < Answers.Count; i++)
        {
            var a = Answers[i];
            if (a is null) { v.Add($"answers[{i}]", "评分不能为空", "An answer cannot be empty"); continue; }
            if (a.Position is not { } p || p < 1 || p > SiteSurveys.Topics.Length) v.Add($"answers[{i}].position", $"题号应为 1 到 {SiteSurveys.Topics.Length}", $"Position must be 1 to {SiteSurveys.Topics.Length}");
            if (a.Score is not (>= 1 and <= 5)) v.Add($"answers[{i}].score", "评分应为 1 到 5 分", "A score is 1 to 5");
            v.MaxLength($"answers[{i}].comment", a.Comment, 500, "意见", "Comment");
        }
        foreach (var missing in Enumerable.Range(1, SiteSurveys.Topics.Length).Where(p => !Answers.Any(a => a?.Position == p)))
            v.Add("answers", $"第 {missing} 题（{SiteSurveys.Topics[missing - 1].Zh}）还没有评分", $"Topic {missing} ({SiteSurveys.Topics[missing - 1].En}) has no score");
    }
}

public sealed record SurveyAnswerDto(int Position, string Topic, int Score, string? Comment);
public sealed record SurveyDto(Guid Id, Guid ProjectId, string ProjectName, string Respondent, string RespondentKind, string Period, string RespondentName,
    string SurveyorName, DateTimeOffset SubmittedAt, decimal AverageScore, bool Late, string? Summary, List<SurveyAnswerDto> Answers);

/// <summary>One survey due at a supervised site: submitted (on time or late), due in the current period, or overdue.</summary>
public sealed record SurveyScheduleRow(Guid ProjectId, string ProjectName, string Respondent, string Period, DateTimeOffset DueAt, string Status,
    Guid? SurveyId, decimal? AverageScore, decimal? Change);

/// <summary>
/// 前期驻点项目服务质量调查 (seed 002 篇3): the supervisor surveys the sales office every month (report by month
/// end), the project head the developer every quarter. A site is due a survey for every period in which it was
/// under supervision (it had supervision checks then); a period that ended without one is overdue.
/// </summary>
public static class SiteSurveys
{
    /// <summary>The topics of the survey form: the seed's check topics for pre-handover sites, and the overall impression.</summary>
    public static readonly (string Zh, string En)[] Topics =
    [
        ("待人接物", "Dealing with people"), ("仪容仪表", "Appearance"), ("劳动纪律", "Work discipline"), ("现场秩序维护", "Order on site"),
        ("清洁卫生", "Cleanliness"), ("礼仪规范", "Etiquette"), ("总体满意度", "Overall satisfaction"),
    ];

    public static bool TryRespondent(string? text, out SurveyRespondent r)
    {
        r = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "sales_office" or "salesoffice" or "销售部": r = SurveyRespondent.SalesOffice; return true;
            case "developer" or "开发建设单位": r = SurveyRespondent.Developer; return true;
            default: return false;
        }
    }

    public static string Code(SurveyRespondent r) => r == SurveyRespondent.SalesOffice ? "sales_office" : "developer";
    public static string Name(SurveyRespondent r) => r == SurveyRespondent.SalesOffice ? Loc.T("销售部（月度）", "Sales office (monthly)") : Loc.T("开发建设单位（季度）", "Developer (quarterly)");

    /// <summary>The survey's score: the mean of its topics' 1–5 scores, to two places.</summary>
    public static decimal Average(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        return list.Count == 0 ? 0 : Math.Round((decimal)list.Sum() / list.Count, 2);
    }

    public static int Months(SurveyRespondent r) => r == SurveyRespondent.SalesOffice ? 1 : 3;

    public static DateOnly PeriodOf(SurveyRespondent r, DateOnly d) => r == SurveyRespondent.SalesOffice
        ? new DateOnly(d.Year, d.Month, 1) : new DateOnly(d.Year, (d.Month - 1) / 3 * 3 + 1, 1);

    public static string PeriodText(SurveyRespondent r, DateOnly start) => r == SurveyRespondent.SalesOffice
        ? start.ToString("yyyy-MM") : $"{start.Year}-Q{(start.Month - 1) / 3 + 1}";

    /// <summary>"2026-11" for a month, "2026-Q4" for a quarter.</summary>
    public static bool TryPeriod(SurveyRespondent r, string text, out DateOnly start)
    {
        start = default;
        var t = text.Trim().ToUpperInvariant();
        if (r == SurveyRespondent.Developer)
        {
            var parts = t.Split("-Q");
            if (parts.Length != 2 || !int.TryParse(parts[0], out var y) || !int.TryParse(parts[1], out var q) || q is < 1 or > 4 || y is < 2000 or > 2100) return false;
            start = new DateOnly(y, (q - 1) * 3 + 1, 1);
            return true;
        }
        return Qpi.TryMonth(t, out start);
    }

    /// <summary>The end of the period: 00:00 China time on the first day of the next one.</summary>
    public static DateTimeOffset DueAt(SurveyRespondent r, DateOnly start) =>
        new DateTimeOffset(start.AddMonths(Months(r)).ToDateTime(TimeOnly.MinValue), Qpi.ChinaOffset).ToUniversalTime();

    public static async Task<List<SurveyDto>> ListAsync(WuyeDb db, Guid? projectId, CancellationToken ct)
    {
        var surveys = await db.Set<SiteSurvey>().AsNoTracking().Where(s => projectId == null || s.ProjectId == projectId)
            .OrderByDescending(s => s.PeriodStart).ThenBy(s => s.Respondent).Take(200).ToListAsync(ct);
        return await ToDtosAsync(db, surveys, ct);
    }

    private static async Task<List<SurveyDto>> ToDtosAsync(WuyeDb db, List<SiteSurvey> surveys, CancellationToken ct)
    {
        var ids = surveys.Select(s => s.Id).ToList();
        var answers = await db.Set<SiteSurveyAnswer>().AsNoTracking().Where(a => ids.Contains(a.SurveyId)).OrderBy(a => a.Position).ToListAsync(ct);
        var projectIds = surveys.Select(s => s.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. surveys.Select(s => new SurveyDto(s.Id, s.ProjectId, names.GetValueOrDefault(s.ProjectId) ?? "", Code(s.Respondent), Name(s.Respondent),
            PeriodText(s.Respondent, s.PeriodStart), s.RespondentName, s.SurveyorName, s.SubmittedAt, s.AverageScore, s.Late, s.Summary,
            [.. answers.Where(a => a.SurveyId == s.Id).Select(a => new SurveyAnswerDto(a.Position, a.Topic, a.Score, a.Comment))]))];
    }

    /// <summary>The last six months (sales office) and four quarters (developer) of every supervised site, oldest first, with the score's change.</summary>
    public static async Task<List<SurveyScheduleRow>> ScheduleAsync(WuyeDb db, TimeProvider clock, Guid? projectId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Qpi.Today(clock);
        var from = PeriodOf(SurveyRespondent.Developer, today).AddMonths(-9);
        var checks = await db.Set<SupervisionCheck>().AsNoTracking().Where(c => c.CheckedOn >= from && (projectId == null || c.ProjectId == projectId))
            .Select(c => new { c.ProjectId, c.CheckedOn }).Distinct().ToListAsync(ct);
        var sites = checks.Select(c => c.ProjectId).Distinct().ToList();
        var names = await db.ProjectRefs().AsNoTracking().Where(p => sites.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var surveys = await db.Set<SiteSurvey>().AsNoTracking().Where(s => sites.Contains(s.ProjectId) && s.PeriodStart >= from).ToListAsync(ct);
        var rows = new List<SurveyScheduleRow>();
        foreach (var site in sites.Where(names.ContainsKey).OrderBy(s => names[s]))
            foreach (var (r, count) in new[] { (SurveyRespondent.SalesOffice, 6), (SurveyRespondent.Developer, 4) })
            {
                decimal? previous = null;
                var current = PeriodOf(r, today);
                for (var i = count - 1; i >= 0; i--)
                {
                    var start = current.AddMonths(-i * Months(r));
                    var end = start.AddMonths(Months(r));
                    var survey = surveys.FirstOrDefault(s => s.ProjectId == site && s.Respondent == r && s.PeriodStart == start);
                    var supervised = checks.Any(c => c.ProjectId == site && c.CheckedOn >= start && c.CheckedOn < end);
                    if (survey is null && !supervised) continue;
                    var due = DueAt(r, start);
                    var status = survey is not null ? (survey.Late ? "late" : "submitted") : now >= due ? "overdue" : "due";
                    rows.Add(new SurveyScheduleRow(site, names[site], Code(r), PeriodText(r, start), due, status, survey?.Id, survey?.AverageScore,
                        survey is not null && previous is { } p ? survey.AverageScore - p : null));
                    if (survey is not null) previous = survey.AverageScore;
                }
            }
        return rows;
    }
}

internal static class SiteSurveyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-surveys").WithTags("Inspections");

        g.MapGet("/topics", () => TypedResults.Ok(SiteSurveys.Topics.Select((t, i) => new { position = i + 1, topic = Loc.T(t.Zh, t.En) }).ToList()))
            .WithSummary("The survey form's topics, each scored 1–5");

        g.MapGet("/", async (WuyeDb db, Guid? projectId, CancellationToken ct) => TypedResults.Ok(await SiteSurveys.ListAsync(db, projectId, ct)))
            .WithSummary("Surveys of the sales office (monthly) and developer (quarterly) of pre-handover sites, newest first");

        g.MapGet("/schedule", async (WuyeDb db, TimeProvider clock, Guid? projectId, CancellationToken ct) =>
            TypedResults.Ok(await SiteSurveys.ScheduleAsync(db, clock, projectId, ct)))
            .WithSummary("Surveys due per supervised site and period: submitted, late, due or overdue, with the average score's change");

        g.MapPost("/", async Task<Created<SurveyDto>> (WuyeDb db, TimeProvider clock, SurveyInput body, CancellationToken ct) =>
        {
            var me = Qpi.Me(db);
            var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                ?? throw Qpi.Invalid("projectId", "项目不存在或无权访问", "Project not found, or not yours");
            SiteSurveys.TryRespondent(body.Respondent, out var respondent);
            var today = Qpi.Today(clock);
            var current = SiteSurveys.PeriodOf(respondent, today);
            var start = current;
            if (!string.IsNullOrWhiteSpace(body.Period) && !SiteSurveys.TryPeriod(respondent, body.Period, out start))
                throw Qpi.Invalid("period", respondent == SurveyRespondent.SalesOffice ? "月份格式应为 2026-11" : "季度格式应为 2026-Q4",
                    respondent == SurveyRespondent.SalesOffice ? "Month must look like 2026-11" : "Quarter must look like 2026-Q4");
            if (start > current) throw Qpi.Invalid("period", "不能调查尚未开始的期间", "That period has not begun");
            if (await db.Set<SiteSurvey>().AnyAsync(s => s.ProjectId == project.Id && s.Respondent == respondent && s.PeriodStart == start, ct))
                throw new RuleException("site_survey.exists", $"{SiteSurveys.PeriodText(respondent, start)} 的调查已提交", $"The survey for {SiteSurveys.PeriodText(respondent, start)} is already in");
            var now = clock.GetUtcNow();
            var answers = body.Answers!.GroupBy(a => a.Position!.Value).Select(x => x.Last()).OrderBy(a => a.Position).ToList();
            var survey = new SiteSurvey
            {
                CompanyId = project.CompanyId, ProjectId = project.Id, Respondent = respondent, PeriodStart = start, RespondentName = body.RespondentName!.Trim(),
                SurveyorUserId = me, SurveyorName = await Qpi.UserNameAsync(db, me, ct), SubmittedAt = now,
                AverageScore = SiteSurveys.Average(answers.Select(a => a.Score!.Value)),
                Summary = string.IsNullOrWhiteSpace(body.Summary) ? null : body.Summary.Trim(), Late = now >= SiteSurveys.DueAt(respondent, start),
            };
            db.Add(survey);
            foreach (var a in answers)
                db.Add(new SiteSurveyAnswer
                {
                    CompanyId = project.CompanyId, ProjectId = project.Id, SurveyId = survey.Id, Position = a.Position!.Value,
                    Topic = SiteSurveys.Topics[a.Position!.Value - 1].Zh, Score = a.Score!.Value, Comment = string.IsNullOrWhiteSpace(a.Comment) ? null : a.Comment.Trim(),
                });
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/site-surveys/{survey.Id}", (await SiteSurveys.ListAsync(db, project.Id, ct)).First(s => s.Id == survey.Id));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
          .WithSummary("Submit a survey (scores 1–5 per topic) of the sales office for a month or of the developer for a quarter");
    }
}
