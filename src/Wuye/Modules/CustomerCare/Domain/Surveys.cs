using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Domain;

internal enum SurveyStatus
{
    /// <summary>Being built: questions may change, nobody is asked yet.</summary>
    Draft,

    /// <summary>Households sampled and asked; answers come in on the portal or by phone.</summary>
    Open,
    Closed,
}

internal enum QuestionKind
{
    /// <summary>单选: one of the options.</summary>
    Single,

    /// <summary>多选: some of the options.</summary>
    Multiple,

    /// <summary>满意度量表 1–5 (非常不满意 … 非常满意); 4 and 5 count as satisfied.</summary>
    Scale,

    /// <summary>推荐意愿 0–10 (NPS): 9–10 promoters, 0–6 detractors.</summary>
    Nps,

    /// <summary>文字意见, optional.</summary>
    Text,
}

internal enum AnswerChannel
{
    Portal,

    /// <summary>电话访问: entered by the steward or the desk from a phone interview.</summary>
    Phone,
}

/// <summary>满意度调查问卷 (001 ch.5): a project's questionnaire, its sample of households and their answers.</summary>
internal sealed class Survey : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Title { get; set; }
    public string? Intro { get; set; }
    public SurveyStatus Status { get; set; }

    /// <summary>The share of the project's lived-in households asked (抽样比例), 1–100.</summary>
    public int SamplePercent { get; set; }
    public int Sampled { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public required string CreatedByName { get; set; }
}

internal sealed class SurveyQuestion : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid SurveyId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>What it measures (客户服务, 工程维修, 保洁, 绿化, 秩序维护, 总体…): results are grouped by it.</summary>
    public required string Dimension { get; set; }
    public string[] Options { get; set; } = [];
}

/// <summary>One sampled household's questionnaire: asked when sampled, answered once (portal or phone).</summary>
internal sealed class SurveyResponse : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid SurveyId { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public AnswerChannel? Channel { get; set; }
    public Guid? AnsweredByUserId { get; set; }
    public string? AnsweredByName { get; set; }
}

internal sealed class SurveyAnswer : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid ResponseId { get; set; }
    public Guid QuestionId { get; set; }
    public int? Score { get; set; }
    public string[] Choices { get; set; } = [];
    public string? Text { get; set; }

    /// <summary>The follow-up visit opened for a detractor (NPS 0–6).</summary>
    public Guid? CareTaskId { get; set; }
}

internal static class SurveyText
{
    public const int SatisfiedFrom = 4;
    public const int DetractorUpTo = 6;
    public const int PromoterFrom = 9;

    /// <summary>The satisfaction goal: 综合满意率 ≥ 98% (002/篇4 #25; 001 asks ≥ 95%).</summary>
    public const decimal Target = 98m;

    public static readonly string[] Dimensions = ["总体", "客户服务", "工程维修", "保洁", "绿化", "秩序维护", "收费"];

    public static string KindName(QuestionKind k) =>
        k switch
        {
            QuestionKind.Single => Loc.T("单选", "Single choice"),
            QuestionKind.Multiple => Loc.T("多选", "Multiple choice"),
            QuestionKind.Scale => Loc.T("满意度（1–5）", "Satisfaction (1–5)"),
            QuestionKind.Nps => Loc.T("推荐意愿（0–10）", "Recommend (0–10)"),
            _ => Loc.T("文字意见", "Text"),
        };

    public static string StatusName(SurveyStatus s) =>
        s switch
        {
            SurveyStatus.Draft => Loc.T("草稿", "Draft"),
            SurveyStatus.Open => Loc.T("进行中", "Open"),
            _ => Loc.T("已结束", "Closed"),
        };

    public static string ScaleName(int score) =>
        score switch
        {
            1 => Loc.T("非常不满意", "Very dissatisfied"),
            2 => Loc.T("不满意", "Dissatisfied"),
            3 => Loc.T("一般", "Neutral"),
            4 => Loc.T("满意", "Satisfied"),
            _ => Loc.T("非常满意", "Very satisfied"),
        };
}
