using Wuye.Modules.CustomerCare.Domain;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary>The questionnaire as an HTML form (fields <c>q-{questionId}</c>), for the portal and the phone interview.</summary>
internal sealed record SurveyFormView(SurveyDetailDto Detail, Guid UnitId, string Label, string? Error);

internal static class SurveyForm
{
    public static string Field(Guid questionId) => $"q-{questionId:N}";

    /// <summary>The answers the form carries; unanswered questions are left out (the use case names them).</summary>
    public static AnswerItem[] Read(IFormCollection form, IEnumerable<QuestionDto> questions)
    {
        var items = new List<AnswerItem>();
        foreach (var q in questions)
        {
            var values = form[Field(q.Id)].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray();
            if (values.Length == 0)
                continue;
            items.Add(
                q.Kind switch
                {
                    QuestionKind.Scale or QuestionKind.Nps => new AnswerItem(q.Id, int.TryParse(values[0], out var n) ? n : -1, null, null),
                    QuestionKind.Text => new AnswerItem(q.Id, null, null, values[0]),
                    _ => new AnswerItem(q.Id, null, values, null),
                }
            );
        }
        return [.. items];
    }
}
