using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary>
/// Results counted from the answers the reader may see (a steward: their zones'): response rate, 综合满意率 (scale answers of
/// 4–5 over all scale answers, against the 98% goal of 002/篇4 #25), NPS (% 9–10 − % 0–6), each dimension's rate and average,
/// each question's distribution; and the same by project over the surveys of a period.
/// </summary>
internal sealed class SurveyResults(WuyeDb db)
{
    private sealed record Row(
        Guid ProjectId,
        Guid QuestionId,
        QuestionKind Kind,
        string Dimension,
        int? Score,
        string[] Choices,
        string? Text
    );

    private IQueryable<Row> Rows(IQueryable<SurveyAnswer> answers, bool scoredOnly = false) =>
        answers
            .AsNoTracking()
            .Join(
                db.Set<SurveyQuestion>().Where(q => !scoredOnly || q.Kind == QuestionKind.Scale || q.Kind == QuestionKind.Nps),
                a => a.QuestionId,
                q => q.Id,
                (a, q) => new Row(a.ProjectId, q.Id, q.Kind, q.Dimension, a.Score, a.Choices, a.Text)
            );

    public async Task<SurveyResultsDto> ForSurveyAsync(Guid surveyId, CancellationToken ct)
    {
        if (!await db.Set<Survey>().AnyAsync(s => s.Id == surveyId, ct))
            throw new Wuye.Platform.Web.NotFoundException("survey");
        var responses = db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId);
        var sampled = await responses.CountAsync(ct);
        var answered = await responses.CountAsync(r => r.AnsweredAt != null, ct);
        var rows = await Rows(db.Set<SurveyAnswer>().Where(a => a.SurveyId == surveyId)).ToListAsync(ct);
        var followUps = await db.Set<SurveyAnswer>().CountAsync(a => a.SurveyId == surveyId && a.CareTaskId != null, ct);
        var questions = await db.Set<SurveyQuestion>()
            .AsNoTracking()
            .Where(q => q.SurveyId == surveyId)
            .OrderBy(q => q.Position)
            .ThenBy(q => q.Id)
            .ToListAsync(ct);
        var scale = rows.Where(r => r.Kind == QuestionKind.Scale).ToList();
        var nps = rows.Where(r => r.Kind == QuestionKind.Nps).ToList();
        var (promoters, detractors) = (
            nps.Count(r => r.Score >= SurveyText.PromoterFrom),
            nps.Count(r => r.Score <= SurveyText.DetractorUpTo)
        );
        var satisfied = scale.Count(r => r.Score >= SurveyText.SatisfiedFrom);
        return new SurveyResultsDto(
            surveyId,
            sampled,
            answered,
            SurveyMath.Percent(answered, sampled),
            scale.Count,
            satisfied,
            SurveyMath.Percent(satisfied, scale.Count),
            SurveyText.Target,
            nps.Count,
            promoters,
            nps.Count - promoters - detractors,
            detractors,
            SurveyMath.Nps(promoters, detractors, nps.Count),
            followUps,
            Dimensions(rows),
            [.. questions.Select(q => Question(q, rows.Where(r => r.QuestionId == q.Id).ToList()))]
        );
    }

    private static List<DimensionResult> Dimensions(IEnumerable<Row> rows) =>
        [
            .. rows.Where(r => r.Kind == QuestionKind.Scale)
                .GroupBy(r => r.Dimension)
                .Select(g =>
                {
                    var sat = g.Count(r => r.Score >= SurveyText.SatisfiedFrom);
                    return new DimensionResult(
                        g.Key,
                        g.Count(),
                        sat,
                        SurveyMath.Percent(sat, g.Count()),
                        Math.Round((decimal)g.Average(r => r.Score ?? 0), 2)
                    );
                })
                .OrderBy(d => d.Rate)
                .ThenBy(d => d.Dimension, StringComparer.Ordinal),
        ];

    private static QuestionResult Question(SurveyQuestion q, List<Row> rows)
    {
        var counts = new Dictionary<string, int>();
        if (q.Kind is QuestionKind.Single or QuestionKind.Multiple)
            foreach (var o in q.Options)
                counts[o] = rows.Count(r => r.Choices.Contains(o));
        else if (q.Kind is QuestionKind.Scale or QuestionKind.Nps)
            for (var s = q.Kind == QuestionKind.Scale ? 1 : 0; s <= (q.Kind == QuestionKind.Scale ? 5 : 10); s++)
                counts[s.ToString(System.Globalization.CultureInfo.InvariantCulture)] = rows.Count(r => r.Score == s);
        var scores = rows.Where(r => r.Score is not null).ToList();
        return new QuestionResult(
            q.Id,
            q.Position,
            q.Kind,
            q.Text,
            q.Dimension,
            rows.Count,
            scores.Count == 0 ? null : Math.Round((decimal)scores.Average(r => r.Score!.Value), 2),
            counts,
            [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Text)).Select(r => r.Text!).Take(50)],
            q.Kind == QuestionKind.Nps
                ? SurveyMath.Nps(
                    scores.Count(r => r.Score >= SurveyText.PromoterFrom),
                    scores.Count(r => r.Score <= SurveyText.DetractorUpTo),
                    scores.Count
                )
                : null
        );
    }

    /// <summary>Each project's satisfaction and NPS over the surveys opened in [from, to), with its dimensions.</summary>
    public async Task<List<ProjectSurveyResult>> ByProjectAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var surveys = db.Set<Survey>().Where(s => s.OpenedAt >= from && s.OpenedAt < to);
        var ids = await surveys.Select(s => s.Id).ToListAsync(ct);
        var rows = await Rows(db.Set<SurveyAnswer>().Where(a => ids.Contains(a.SurveyId)), scoredOnly: true).ToListAsync(ct);
        var answered = await db.Set<SurveyResponse>()
            .Where(r => ids.Contains(r.SurveyId) && r.AnsweredAt != null)
            .GroupBy(r => r.ProjectId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var counts = await surveys.GroupBy(s => s.ProjectId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var projects = counts.Select(c => c.Key).ToList();
        var projectNames = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => projects.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return
        [
            .. counts
                .Select(c =>
                {
                    var mine = rows.Where(r => r.ProjectId == c.Key).ToList();
                    var scale = mine.Where(r => r.Kind == QuestionKind.Scale).ToList();
                    var nps = mine.Where(r => r.Kind == QuestionKind.Nps).ToList();
                    return new ProjectSurveyResult(
                        c.Key,
                        projectNames.GetValueOrDefault(c.Key, ""),
                        c.Count,
                        answered.GetValueOrDefault(c.Key),
                        scale.Count,
                        SurveyMath.Percent(scale.Count(r => r.Score >= SurveyText.SatisfiedFrom), scale.Count),
                        nps.Count,
                        SurveyMath.Nps(
                            nps.Count(r => r.Score >= SurveyText.PromoterFrom),
                            nps.Count(r => r.Score <= SurveyText.DetractorUpTo),
                            nps.Count
                        ),
                        Dimensions(mine)
                    );
                })
                .OrderBy(r => r.ProjectName, StringComparer.Ordinal),
        ];
    }
}
