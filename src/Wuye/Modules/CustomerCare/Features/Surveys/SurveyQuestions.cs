using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary>
/// A draft survey's questions: added, edited, reordered and removed while nobody has been asked; once the survey has gone out
/// (open or closed) every change is refused on the <c>questions</c> field, so the answers always match the questions asked.
/// </summary>
internal sealed class SurveyQuestions(WuyeDb db, TimeProvider clock)
{
    public const int Max = 30;

    private async Task<Survey> DraftAsync(Guid surveyId, CancellationToken ct)
    {
        var survey = await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == surveyId, ct) ?? throw new NotFoundException("survey");
        if (survey.Status != SurveyStatus.Draft)
            throw ValidationException.For(
                "questions",
                "问卷已发出，题目不能再增删改或调整顺序",
                "The survey has gone out: its questions can no longer be added, edited, reordered or removed"
            );
        survey.UpdatedAt = clock.GetUtcNow();
        return survey;
    }

    private Task<List<SurveyQuestion>> QuestionsAsync(Guid surveyId, CancellationToken ct) =>
        db.Set<SurveyQuestion>().Where(x => x.SurveyId == surveyId).OrderBy(x => x.Position).ThenBy(x => x.Id).ToListAsync(ct);

    private static string[] Options(NewQuestion input) =>
        [.. (input.Options ?? []).Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim())];

    public async Task<Guid> AddAsync(Guid surveyId, NewQuestion input, CancellationToken ct)
    {
        Validator.Check(input);
        var survey = await DraftAsync(surveyId, ct);
        var count = await db.Set<SurveyQuestion>().CountAsync(x => x.SurveyId == surveyId, ct);
        if (count >= Max)
            throw ValidationException.For("questions", $"一份问卷最多 {Max} 题", $"A survey has at most {Max} questions");
        var q = new SurveyQuestion
        {
            CompanyId = survey.CompanyId,
            ProjectId = survey.ProjectId,
            SurveyId = survey.Id,
            Position = count + 1,
            Kind = input.Kind!.Value,
            Text = input.Text!.Trim(),
            Dimension = input.Dimension!.Trim(),
            Options = Options(input),
        };
        db.Add(q);
        await db.SaveChangesAsync(ct);
        return q.Id;
    }

    public async Task EditAsync(Guid surveyId, Guid questionId, NewQuestion input, CancellationToken ct)
    {
        Validator.Check(input);
        await DraftAsync(surveyId, ct);
        var q = await db.Set<SurveyQuestion>().FirstOrDefaultAsync(x => x.Id == questionId && x.SurveyId == surveyId, ct)
            ?? throw new NotFoundException("survey question");
        q.Kind = input.Kind!.Value;
        q.Text = input.Text!.Trim();
        q.Dimension = input.Dimension!.Trim();
        q.Options = Options(input);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes a question; the ones after it move up.</summary>
    public async Task RemoveAsync(Guid surveyId, Guid questionId, CancellationToken ct)
    {
        await DraftAsync(surveyId, ct);
        var all = await QuestionsAsync(surveyId, ct);
        var q = all.FirstOrDefault(x => x.Id == questionId) ?? throw new NotFoundException("survey question");
        db.Remove(q);
        Number(all.Where(x => x != q));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Puts the questions in the given order: every question of the survey, each once.</summary>
    public async Task ReorderAsync(Guid surveyId, QuestionOrder input, CancellationToken ct)
    {
        Validator.Check(input);
        await DraftAsync(surveyId, ct);
        var all = await QuestionsAsync(surveyId, ct);
        var ids = input.QuestionIds!;
        if (ids.Length != all.Count || ids.Distinct().Count() != ids.Length || !all.All(q => ids.Contains(q.Id)))
            throw ValidationException.For(
                "questionIds",
                "顺序须列出问卷的每道题，各一次",
                "The order must list every question of the survey, each once"
            );
        Number(ids.Select(id => all.Single(q => q.Id == id)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Moves one question a place up (−1) or down (+1): the builder page's arrows.</summary>
    public async Task MoveAsync(Guid surveyId, Guid questionId, int step, CancellationToken ct)
    {
        var all = await QuestionsAsync(surveyId, ct);
        var at = all.FindIndex(q => q.Id == questionId);
        if (at < 0)
            throw new NotFoundException("survey question");
        var to = Math.Clamp(at + Math.Sign(step), 0, all.Count - 1);
        (all[at], all[to]) = (all[to], all[at]);
        await ReorderAsync(surveyId, new QuestionOrder([.. all.Select(q => q.Id)]), ct);
    }

    private static void Number(IEnumerable<SurveyQuestion> ordered)
    {
        var n = 1;
        foreach (var q in ordered)
            if (q.Position != n++)
                q.Position = n - 1;
    }
}

internal sealed record QuestionOrder(Guid[]? QuestionIds) : IValidatable
{
    public void Validate(Validator v)
    {
        if (QuestionIds is null || QuestionIds.Length == 0)
            v.Add("questionIds", "请给出题目顺序", "Give the order of the questions");
        else if (QuestionIds.Length > SurveyQuestions.Max)
            v.Add("questionIds", "题目过多", "Too many questions");
    }
}
