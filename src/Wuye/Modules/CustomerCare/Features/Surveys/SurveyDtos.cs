using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

internal sealed record SurveyDto(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Intro,
    SurveyStatus Status,
    string StatusName,
    int SamplePercent,
    int Sampled,
    int Answered,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    string CreatedByName
);

internal sealed record QuestionDto(
    Guid Id,
    int Position,
    QuestionKind Kind,
    string KindName,
    string Text,
    string Dimension,
    string[] Options
);

internal sealed record SurveyDetailDto(SurveyDto Survey, IReadOnlyList<QuestionDto> Questions);

/// <summary>A sampled household and whether (and how) it answered.</summary>
internal sealed record SampledHouseholdDto(
    Guid ResponseId,
    Guid UnitId,
    string Label,
    DateTimeOffset? AnsweredAt,
    AnswerChannel? Channel,
    string? AnsweredByName
);

/// <summary>An owner's questionnaire: the survey, for which home, and whether it is answered.</summary>
internal sealed record MySurveyDto(Guid SurveyId, string Title, SurveyStatus Status, Guid UnitId, string Label, DateTimeOffset? AnsweredAt);

internal sealed record NewSurvey(Guid? ProjectId, string? Title, string? Intro, int? SamplePercent) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "问卷标题", "Title")
            .MaxLength("title", Title, 100, "问卷标题", "Title")
            .MaxLength("intro", Intro, 500, "说明", "Introduction")
            .Required("samplePercent", SamplePercent, "抽样比例", "Sample share")
            .Range("samplePercent", SamplePercent, 1, 100, "抽样比例", "Sample share");
}

internal sealed record NewQuestion(QuestionKind? Kind, string? Text, string? Dimension, string[]? Options) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("kind", Kind, "题型", "Kind")
            .Required("text", Text, "题目", "Question")
            .MaxLength("text", Text, 200, "题目", "Question")
            .Required("dimension", Dimension, "维度", "Dimension")
            .MaxLength("dimension", Dimension, 40, "维度", "Dimension");
        var options = Options ?? [];
        if (Kind is QuestionKind.Single or QuestionKind.Multiple)
        {
            if (options.Count(o => !string.IsNullOrWhiteSpace(o)) < 2)
                v.Add("options", "选择题至少要有两个选项", "A choice question needs at least two options");
            if (options.Length > 10)
                v.Add("options", "选项最多 10 个", "At most 10 options");
            if (options.Any(o => o?.Trim().Length > 40))
                v.Add("options", "每个选项最多 40 字", "Each option is at most 40 characters");
            if (options.Select(o => o?.Trim()).Distinct().Count() != options.Length)
                v.Add("options", "选项不能重复", "Options must differ");
        }
        else if (options.Length > 0)
            v.Add("options", "只有选择题有选项", "Only choice questions have options");
    }
}

/// <summary>One question's answer: a score (scale 1–5, NPS 0–10), the chosen options, or text.</summary>
internal sealed record AnswerItem(Guid? QuestionId, int? Score, string[]? Choices, string? Text);

internal sealed record SurveyAnswers(Guid? UnitId, AnswerItem[]? Answers) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "住户", "Household");
        if (Answers is null || Answers.Length == 0)
            v.Add("answers", "请回答问卷", "Answer the questions");
        else if (Answers.Length > 50)
            v.Add("answers", "回答过多", "Too many answers");
        else
            for (var i = 0; i < Answers.Length; i++)
            {
                v.Required($"answers[{i}].questionId", Answers[i]?.QuestionId, "题目", "Question");
                v.MaxLength($"answers[{i}].text", Answers[i]?.Text, 1000, "意见", "Text");
                if (Answers[i]?.Choices is { Length: > 10 })
                    v.Add($"answers[{i}].choices", "选项过多", "Too many choices");
            }
    }
}

internal sealed record DimensionResult(string Dimension, int Answers, int Satisfied, decimal? Rate, decimal? Average);

internal sealed record QuestionResult(
    Guid QuestionId,
    int Position,
    QuestionKind Kind,
    string Text,
    string Dimension,
    int Answers,
    decimal? Average,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> Texts,
    decimal? Nps = null
);

/// <summary>
/// 综合满意率 = scale answers of 满意 or 非常满意 (4–5) / all scale answers; NPS = % promoters (9–10) − % detractors (0–6).
/// </summary>
internal sealed record SurveyResultsDto(
    Guid SurveyId,
    int Sampled,
    int Answered,
    decimal? ResponseRate,
    int ScaleAnswers,
    int Satisfied,
    decimal? SatisfactionRate,
    decimal Target,
    int NpsAnswers,
    int Promoters,
    int Passives,
    int Detractors,
    decimal? Nps,
    int FollowUps,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<QuestionResult> Questions
);

internal sealed record ProjectSurveyResult(
    Guid ProjectId,
    string ProjectName,
    int Surveys,
    int Answered,
    int ScaleAnswers,
    decimal? SatisfactionRate,
    int NpsAnswers,
    decimal? Nps,
    IReadOnlyList<DimensionResult> Dimensions
);

internal static class SurveyMath
{
    public static decimal? Percent(int part, int whole) => whole == 0 ? null : Math.Round(part * 100m / whole, 1);

    public static decimal? Nps(int promoters, int detractors, int answers) =>
        answers == 0 ? null : Math.Round((promoters - detractors) * 100m / answers, 1);
}
