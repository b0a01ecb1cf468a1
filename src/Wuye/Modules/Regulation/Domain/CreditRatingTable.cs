using System.Text.Json;
using System.Text.Json.Serialization;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>
/// One version of a regulator's scoring table (信用评价评分标准): items, bands and special rules as data. A regulator edits its
/// table by adding a version; the old one is retired and past ratings keep naming the version they used.
/// </summary>
internal sealed class CreditRatingTable : Entity, IRegulatorOwned
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Guid RegulatorId { get; set; }

    /// <summary>The preset it started from (yantai, shandong, shangqiu, kaihua) or custom.</summary>
    public string Preset { get; set; } = "custom";
    public string Name { get; set; } = "";
    public int VersionNo { get; set; }
    public RatingPeriodKind Period { get; set; }
    public decimal BaseMax { get; set; }
    public decimal GoodCap { get; set; }
    public string? NoBadRecordFloorGrade { get; set; }
    public bool UngradedBelowLowest { get; set; }

    /// <summary>Days a company has to object (异议) after a record is made, before it counts.</summary>
    public int AppealDays { get; set; }

    /// <summary>How many companies at the bottom of the ranking are flagged (通报) at a close.</summary>
    public int FlagBottom { get; set; }

    /// <summary>Whether the public page shows scores (grades and lists are always public once published).</summary>
    public bool PublicScores { get; set; }
    public string BandsJson { get; set; } = "[]";
    public string ItemsJson { get; set; } = "[]";
    public DateTimeOffset? RetiredAt { get; set; }

    public IReadOnlyList<CreditBand> Bands => JsonSerializer.Deserialize<List<CreditBand>>(BandsJson, Json) ?? [];
    public IReadOnlyList<CreditItem> Items => JsonSerializer.Deserialize<List<CreditItem>>(ItemsJson, Json) ?? [];

    public CreditRules Rules() => new(BaseMax, GoodCap, Bands, Items, NoBadRecordFloorGrade, UngradedBelowLowest);

    public static CreditRatingTable Create(Guid regulatorId, int versionNo, CreditTableSpec spec)
    {
        Check(spec);
        return new()
        {
            RegulatorId = regulatorId,
            VersionNo = versionNo,
            Preset = spec.Preset,
            Name = spec.Name.Trim(),
            Period = spec.Period,
            BaseMax = spec.BaseMax,
            GoodCap = spec.GoodCap,
            NoBadRecordFloorGrade = spec.NoBadRecordFloorGrade,
            UngradedBelowLowest = spec.UngradedBelowLowest,
            AppealDays = spec.AppealDays,
            FlagBottom = spec.FlagBottom,
            PublicScores = spec.PublicScores,
            BandsJson = JsonSerializer.Serialize(spec.Bands, Json),
            ItemsJson = JsonSerializer.Serialize(spec.Items, Json),
        };
    }

    public CreditTableSpec Spec() =>
        new(
            Preset,
            Name,
            Period,
            BaseMax,
            GoodCap,
            [.. Bands],
            [.. Items],
            NoBadRecordFloorGrade,
            UngradedBelowLowest,
            AppealDays,
            FlagBottom,
            PublicScores
        );

    public void Retire(DateTimeOffset at)
    {
        if (RetiredAt is not null)
            throw new RuleException(
                "credit_table.retired",
                "该版本已被新版本取代，请在最新版本上修改",
                "This version was replaced; edit the newest one"
            );
        RetiredAt = at;
    }

    /// <summary>The table's rules hold together: bands from high to low, unique codes, sane points.</summary>
    public static void Check(CreditTableSpec s)
    {
        if (s.Bands.Count == 0)
            throw new RuleException("credit_table.no_bands", "评分标准至少要有一个等级", "A table needs at least one grade band");
        for (var i = 0; i < s.Bands.Count; i++)
        {
            var b = s.Bands[i];
            if (b.MinScore is null && i != s.Bands.Count - 1)
                throw new RuleException("credit_table.open_band", "只有最低等级可以不设分数线", "Only the lowest band may have no minimum");
            if (i > 0 && b.MinScore is { } min && s.Bands[i - 1].MinScore is { } above && min >= above)
                throw new RuleException("credit_table.band_order", "等级须按分数线从高到低排列", "Bands go from the highest minimum down");
        }
        if (s.Bands.Select(b => b.Grade).Distinct().Count() != s.Bands.Count)
            throw new RuleException("credit_table.band_duplicate", "等级代码重复", "Grade codes repeat");
        if (s.UngradedBelowLowest && s.Bands[^1].MinScore is null)
            throw new RuleException(
                "credit_table.ungraded_floor",
                "“低于最低等级不予评级”需要最低等级有分数线",
                "Not grading below the lowest band needs its minimum"
            );
        if (s.NoBadRecordFloorGrade is { } g && s.Bands.All(b => b.Grade != g))
            throw new RuleException("credit_table.floor_grade", $"保底等级 {g} 不在等级表中", $"Floor grade {g} is not a band");
        if (s.Items.Select(i => i.Code).Distinct().Count() != s.Items.Count)
            throw new RuleException("credit_table.item_duplicate", "评分项代码重复", "Item codes repeat");
        if (s.Items.Any(i => i.Points < 0 || i.ValidityMonths < 1 || i.Cap < 0))
            throw new RuleException(
                "credit_table.item_points",
                "分值、上限须为正数，有效期至少 1 个月",
                "Points and caps are positive; validity at least a month"
            );
        if (s.Items.Any(i => i.Figure is not null && (i.Kind == ConductKind.Base || i.Threshold is not (>= 0 and <= 100))))
            throw new RuleException(
                "credit_table.item_figure",
                "按企业数据计分的评分项须为加分、扣分或否决项，并设 0–100% 的阈值",
                "An item scored from a figure is good, bad or veto conduct with a threshold of 0–100 %"
            );
    }
}

/// <summary>Everything a version of a table says (what a preset gives and what a revision sends).</summary>
internal sealed record CreditTableSpec(
    string Preset,
    string Name,
    RatingPeriodKind Period,
    decimal BaseMax,
    decimal GoodCap,
    List<CreditBand> Bands,
    List<CreditItem> Items,
    string? NoBadRecordFloorGrade = null,
    bool UngradedBelowLowest = false,
    int AppealDays = 10,
    int FlagBottom = 1,
    bool PublicScores = true
);
