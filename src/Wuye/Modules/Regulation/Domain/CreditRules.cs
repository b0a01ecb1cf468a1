namespace Wuye.Modules.Regulation.Domain;

/// <summary>What a scoring item adds to a company's score.</summary>
internal enum ConductKind
{
    /// <summary>An assessed base item (e.g. 日常检查考评): the latest valid record of the item counts, up to its cap.</summary>
    Base,

    /// <summary>Good conduct (良好行为): points added, capped per item and in total by the table.</summary>
    Good,

    /// <summary>Bad conduct (不良行为): points deducted.</summary>
    Bad,

    /// <summary>One-vote veto (一票否决): the company gets the lowest grade whatever its score.</summary>
    Veto,
}

/// <summary>The list a grade puts a company on.</summary>
internal enum CreditList
{
    None,
    Red,
    Black,
}

/// <summary>How often the rating is closed.</summary>
internal enum RatingPeriodKind
{
    HalfYear,
    Year,
}

/// <summary>A grade band: a score at or above <see cref="MinScore"/> earns it (null = everything below the bands above).</summary>
internal sealed record CreditBand(string Grade, string Label, decimal? MinScore, CreditList List = CreditList.None);

/// <summary>A figure the app computes from a company's own records over a rating period (never typed in).</summary>
internal enum CreditFigure
{
    /// <summary>有效投诉处理率: effective complaints received in the period that are closed / effective complaints received.</summary>
    ComplaintHandlingRate,

    /// <summary>回访满意率 (owners' satisfaction): return visits done in the period with the owner satisfied / return visits done.</summary>
    OwnerSatisfactionRate,
}

/// <summary>
/// A scoring item of a table: points per record (a deduction for bad conduct), a cap, how long a record counts. An item with a
/// <see cref="Figure"/> is recorded by the app from the company's own figure over a rating period: when the figure (a percentage)
/// is at or above <see cref="Threshold"/>, or below it when <see cref="WhenBelow"/>.
/// </summary>
internal sealed record CreditItem(
    string Code,
    string Name,
    ConductKind Kind,
    decimal Points,
    decimal? Cap,
    int ValidityMonths,
    CreditFigure? Figure = null,
    decimal? Threshold = null,
    bool WhenBelow = false
)
{
    /// <summary>Whether a figure of <paramref name="percent"/> % earns this item's record.</summary>
    public bool Fires(decimal percent) => Threshold is { } t && (WhenBelow ? percent < t : percent >= t);
}

/// <summary>
/// The rules of one version of a scoring table, without storage: the engine rates with this alone.
/// <see cref="NoBadRecordFloorGrade"/> is Shandong's "below 60 with no bad record is still B";
/// <see cref="UngradedBelowLowest"/> is Shangqiu's "below 60 is not graded".
/// </summary>
internal sealed record CreditRules(
    decimal BaseMax,
    decimal GoodCap,
    IReadOnlyList<CreditBand> Bands,
    IReadOnlyList<CreditItem> Items,
    string? NoBadRecordFloorGrade = null,
    bool UngradedBelowLowest = false
)
{
    public CreditItem? Item(string code) => Items.FirstOrDefault(i => i.Code == code);
}

/// <summary>A conduct record as the engine sees it; <see cref="Counts"/> = confirmed (objection window passed, or objection
/// rejected).</summary>
internal sealed record ConductFact(
    string ItemCode,
    ConductKind Kind,
    decimal Points,
    DateOnly OccurredOn,
    DateOnly ValidUntil,
    bool Counts
);

/// <summary>A company's outcome under a table on a day; <see cref="Grade"/> null = not graded (不予评级).</summary>
internal sealed record CreditOutcome(
    decimal Score,
    decimal BasePoints,
    decimal GoodPoints,
    decimal BadPoints,
    bool Vetoed,
    bool HasBadRecord,
    string? Grade,
    string? GradeLabel,
    CreditList List
);

/// <summary>The credit-rating engine: a score from the records valid on a day, then a grade from the table's bands and rules.</summary>
internal static class CreditScoring
{
    public static CreditOutcome Rate(CreditRules rules, IEnumerable<ConductFact> facts, DateOnly asOf)
    {
        var valid = facts.Where(f => f.Counts && f.OccurredOn <= asOf && f.ValidUntil >= asOf).ToList();
        decimal Capped(string code, decimal sum) => rules.Item(code)?.Cap is { } cap ? Math.Min(cap, sum) : sum;
        var basePoints = Math.Min(
            rules.BaseMax,
            valid
                .Where(f => f.Kind == ConductKind.Base)
                .GroupBy(f => f.ItemCode)
                .Sum(g => Capped(g.Key, g.OrderByDescending(f => f.OccurredOn).First().Points))
        );
        var good = Math.Min(
            rules.GoodCap,
            valid.Where(f => f.Kind == ConductKind.Good).GroupBy(f => f.ItemCode).Sum(g => Capped(g.Key, g.Sum(f => f.Points)))
        );
        var bad = valid.Where(f => f.Kind == ConductKind.Bad).Sum(f => Math.Abs(f.Points));
        var vetoed = valid.Any(f => f.Kind == ConductKind.Veto);
        var hasBad = bad > 0 || vetoed;
        var score = basePoints + good - bad;
        var band = vetoed ? rules.Bands[^1] : Grade(rules, score, hasBad);
        return new(score, basePoints, good, bad, vetoed, hasBad, band?.Grade, band?.Label, band?.List ?? CreditList.None);
    }

    /// <summary>The band a score earns under the table's rules; null = not graded.</summary>
    public static CreditBand? Grade(CreditRules rules, decimal score, bool hasBadRecord)
    {
        var band = rules.Bands.FirstOrDefault(b => b.MinScore is not { } min || score >= min);
        if (rules.NoBadRecordFloorGrade is { } floorGrade && !hasBadRecord)
        {
            var floor = rules.Bands.ToList().FindIndex(b => b.Grade == floorGrade);
            var at = band is null ? int.MaxValue : rules.Bands.ToList().IndexOf(band);
            if (floor >= 0 && at > floor)
                return rules.Bands[floor];
        }
        if (band is null && !rules.UngradedBelowLowest)
            return rules.Bands[^1];
        return band;
    }
}
