using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.CloseRatingPeriod;

internal sealed record ClosePeriodInput(string? Period, Guid? RegulatorId) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Period is not null && RatingPeriod.Parse(Period) is null)
            v.Add("period", "评价期应为如 2026H1、2026H2 或 2026", "A period is like 2026H1, 2026H2 or 2026");
    }
}

internal sealed record ClosedPeriodDto(string Period, DateOnly End, string Table, int TableVersionNo, List<CreditRatingDto> Ratings);

/// <summary>
/// The rating period close: every company the regulator oversees is rated under its current table with the records valid at the
/// period's end and confirmed by the close, ranked, graded, put on the red or black list and flagged at the bottom; the result
/// is published at once. A period closes once, after it has ended, and — where the table scores the companies' own figures — once
/// those were computed and their records are past the objection window (<see cref="FigureReadiness"/>).
/// </summary>
internal sealed class CloseRatingPeriodHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<ClosedPeriodDto> CloseAsync(Guid regulatorId, string? periodCode, CancellationToken ct)
    {
        var table = await RegulatorTables.RequireCurrentAsync(db, regulatorId, ct);
        var today = ChinaTime.Today(clock);
        var period = periodCode is null ? RatingPeriod.LastEnded(table.Period, today) : RatingPeriod.Parse(periodCode)!;
        if (period.Kind != table.Period)
            throw new RuleException(
                "credit_rating.period_kind",
                $"评分标准按{RegulationText.Period(table.Period)}评价，评价期 {period.Code} 不符",
                $"The table rates {RegulationText.Period(table.Period).ToLowerInvariant()}; {period.Code} does not fit"
            );
        if (period.End >= today)
            throw new RuleException(
                "credit_rating.period_open",
                $"评价期 {period.Code} 尚未结束（{period.End:yyyy-MM-dd}）",
                $"Period {period.Code} has not ended ({period.End:yyyy-MM-dd})"
            );
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await FigureReadiness.LockAsync(db, regulatorId, ct);
        if (await db.Set<CreditRating>().AnyAsync(r => r.RegulatorId == regulatorId && r.Period == period.Code, ct))
            throw new RuleException(
                "credit_rating.closed",
                $"评价期 {period.Code} 已评定并公布",
                $"Period {period.Code} was already closed"
            );
        if (await FigureReadiness.BlockAsync(db, table, period, today, ct) is { } block)
            throw block;
        var standings = await CreditStandings.RankAsync(db, table, period.End, today, ct);
        if (standings.Count == 0)
            throw new RuleException("credit_rating.no_companies", "本部门没有监管的企业", "The regulator oversees no company");
        var rows = standings
            .Select(s => new CreditRating
            {
                RegulatorId = regulatorId,
                CompanyId = s.CompanyId,
                CompanyName = s.Company,
                Period = period.Code,
                PeriodEnd = period.End,
                TableId = table.Id,
                TableName = table.Name,
                TableVersionNo = table.VersionNo,
                Score = s.Outcome.Score,
                BasePoints = s.Outcome.BasePoints,
                GoodPoints = s.Outcome.GoodPoints,
                BadPoints = s.Outcome.BadPoints,
                Rank = s.Rank,
                RankedCount = standings.Count,
                Grade = s.Outcome.Grade,
                GradeLabel = s.Outcome.GradeLabel,
                List = s.Outcome.List,
                Vetoed = s.Outcome.Vetoed,
                Flagged = s.Flagged,
                ScorePublic = table.PublicScores,
            })
            .ToList();
        db.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(period.Code, period.End, table.Name, table.VersionNo, [.. rows.Select(CreditRatingDto.From)]);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/credit-ratings/close",
                async (WuyeDb db, CloseRatingPeriodHandler handler, ClosePeriodInput body, CancellationToken ct) =>
                    TypedResults.Ok(await handler.CloseAsync(RegulatorTables.RegulatorOf(db, body.RegulatorId), body.Period, ct))
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary("Close a rating period (default: the last one ended): rate, rank, grade, list and publish every company");
    }
}
