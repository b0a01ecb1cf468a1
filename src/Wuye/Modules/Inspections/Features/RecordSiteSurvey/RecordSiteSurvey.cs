using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.RecordSiteSurvey;

internal sealed record SurveyAnswerInput(int? Position, int? Score, string? Comment);

internal sealed record SurveyInput(
    Guid? ProjectId,
    string? Respondent,
    string? Period,
    string? RespondentName,
    string? Summary,
    List<SurveyAnswerInput>? Answers
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "驻点项目", "Site")
            .Required("respondentName", RespondentName, "被调查人", "Respondent")
            .MaxLength("respondentName", RespondentName, 100, "被调查人", "Respondent")
            .MaxLength("summary", Summary, 2000, "分析改善意见", "Summary");
        if (!SiteSurveys.TryRespondent(Respondent, out _))
            v.Add(
                "respondent",
                "调查对象应为 sales_office（销售部，每月）或 developer（开发建设单位，每季度）",
                "Respondent must be sales_office (monthly) or developer (quarterly)"
            );
        if (Answers is null)
        {
            v.Add("answers", "请逐项打分", "Score every topic");
            return;
        }
        for (var i = 0; i < Answers.Count; i++)
        {
            var a = Answers[i];
            if (a is null)
            {
                v.Add($"answers[{i}]", "评分不能为空", "An answer cannot be empty");
                continue;
            }
            if (a.Position is not { } p || p < 1 || p > SiteSurvey.Topics.Length)
                v.Add(
                    $"answers[{i}].position",
                    $"题号应为 1 到 {SiteSurvey.Topics.Length}",
                    $"Position must be 1 to {SiteSurvey.Topics.Length}"
                );
            if (a.Score is not (>= 1 and <= 5))
                v.Add($"answers[{i}].score", "评分应为 1 到 5 分", "A score is 1 to 5");
            v.MaxLength($"answers[{i}].comment", a.Comment, 500, "意见", "Comment");
        }
        foreach (var missing in Enumerable.Range(1, SiteSurvey.Topics.Length).Where(p => !Answers.Any(a => a?.Position == p)))
            v.Add(
                "answers",
                $"第 {missing} 题（{SiteSurvey.Topics[missing - 1].Zh}）还没有评分",
                $"Topic {missing} ({SiteSurvey.Topics[missing - 1].En}) has no score"
            );
    }
}

/// <summary>Submit a survey of the sales office (a month) or the developer (a quarter), scored 1–5 per topic.</summary>
internal static class RecordSiteSurveyEndpoint
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/site-surveys").WithTags("Inspections");

        g.MapPost("/", async Task<Created<SurveyDto>> (WuyeDb db, TimeProvider clock, SurveyInput body, CancellationToken ct) =>
            {
                var me = Qpi.Me(db);
                var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                    ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
                SiteSurveys.TryRespondent(body.Respondent, out var respondent);
                var today = ChinaTime.Today(clock);
                var current = SiteSurvey.PeriodOf(respondent, today);
                var start = current;
                if (!string.IsNullOrWhiteSpace(body.Period) && !SiteSurveys.TryPeriod(respondent, body.Period, out start))
                    throw ValidationException.For(
                        "period",
                        respondent == SurveyRespondent.SalesOffice ? "月份格式应为 2026-11" : "季度格式应为 2026-Q4",
                        respondent == SurveyRespondent.SalesOffice ? "Month must look like 2026-11" : "Quarter must look like 2026-Q4"
                    );
                SiteSurvey.EnsureBegun(start, current);
                if (
                    await db.Set<SiteSurvey>()
                        .AnyAsync(s => s.ProjectId == project.Id && s.Respondent == respondent && s.PeriodStart == start, ct)
                )
                    throw SiteSurvey.AlreadyIn(respondent, start);
                var now = clock.GetUtcNow();
                var answers = body.Answers!.GroupBy(a => a.Position!.Value).Select(x => x.Last()).OrderBy(a => a.Position).ToList();
                var survey = new SiteSurvey
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Respondent = respondent,
                    PeriodStart = start,
                    RespondentName = body.RespondentName!.Trim(),
                    SurveyorUserId = me,
                    SurveyorName = await Qpi.UserNameAsync(db, me, ct),
                    SubmittedAt = now,
                    AverageScore = SiteSurvey.Average(answers.Select(a => a.Score!.Value)),
                    Summary = string.IsNullOrWhiteSpace(body.Summary) ? null : body.Summary.Trim(),
                    Late = now >= SiteSurvey.DueAt(respondent, start),
                };
                db.Add(survey);
                foreach (var a in answers)
                    db.Add(
                        new SiteSurveyAnswer
                        {
                            CompanyId = project.CompanyId,
                            ProjectId = project.Id,
                            SurveyId = survey.Id,
                            Position = a.Position!.Value,
                            Topic = SiteSurvey.Topics[a.Position!.Value - 1].Zh,
                            Score = a.Score!.Value,
                            Comment = string.IsNullOrWhiteSpace(a.Comment) ? null : a.Comment.Trim(),
                        }
                    );
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(
                    $"/api/v1/site-surveys/{survey.Id}",
                    (await SiteSurveys.ListAsync(db, project.Id, ct)).First(s => s.Id == survey.Id)
                );
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager, Roles.ProjectManager)
            .WithSummary("Submit a survey (scores 1–5 per topic) of the sales office for a month or of the developer for a quarter");
    }
}
