using Wuye.Modules.Regulation.Domain;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record CreditTableDto(
    Guid Id,
    Guid RegulatorId,
    int VersionNo,
    string Preset,
    string Name,
    RatingPeriodKind Period,
    decimal BaseMax,
    decimal GoodCap,
    string? NoBadRecordFloorGrade,
    bool UngradedBelowLowest,
    int AppealDays,
    int FlagBottom,
    bool PublicScores,
    IReadOnlyList<CreditBand> Bands,
    IReadOnlyList<CreditItem> Items,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetiredAt
)
{
    public static CreditTableDto From(CreditRatingTable t) =>
        new(
            t.Id,
            t.RegulatorId,
            t.VersionNo,
            t.Preset,
            t.Name,
            t.Period,
            t.BaseMax,
            t.GoodCap,
            t.NoBadRecordFloorGrade,
            t.UngradedBelowLowest,
            t.AppealDays,
            t.FlagBottom,
            t.PublicScores,
            t.Bands,
            t.Items,
            t.CreatedAt,
            t.RetiredAt
        );
}

internal sealed record ConductRecordDto(
    Guid Id,
    Guid CompanyId,
    string Company,
    Guid? ProjectId,
    string ItemCode,
    string ItemName,
    ConductKind Kind,
    decimal Points,
    DateOnly OccurredOn,
    DateOnly ValidUntil,
    DateOnly AppealUntil,
    string Evidence,
    ConductSource Source,
    Guid? SourceId,
    string RecordedByName,
    ConductRecordStatus Status,
    string StatusText,
    string? Objection,
    AppealDecision? Decision,
    string? DecisionNote,
    List<Guid> ObjectionFileIds,
    List<Guid> FileIds
);

internal sealed record CreditRatingDto(
    Guid Id,
    Guid CompanyId,
    string Company,
    string Period,
    DateOnly PeriodEnd,
    string Table,
    int TableVersionNo,
    decimal Score,
    decimal BasePoints,
    decimal GoodPoints,
    decimal BadPoints,
    int Rank,
    int RankedCount,
    string? Grade,
    string? GradeLabel,
    CreditList List,
    bool Vetoed,
    bool Flagged
)
{
    public static CreditRatingDto From(CreditRating r) =>
        new(
            r.Id,
            r.CompanyId,
            r.CompanyName,
            r.Period,
            r.PeriodEnd,
            r.TableName,
            r.TableVersionNo,
            r.Score,
            r.BasePoints,
            r.GoodPoints,
            r.BadPoints,
            r.Rank,
            r.RankedCount,
            r.Grade,
            r.GradeLabel,
            r.List,
            r.Vetoed,
            r.Flagged
        );
}
