using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.ComputeFigureConduct;

internal sealed record ComputeFiguresInput(string? Period, Guid? RegulatorId) : IValidatable
{
    public void Validate(Validator v)
    {
        if (Period is not null && RatingPeriod.Parse(Period) is null)
            v.Add("period", "评价期应为如 2026H1、2026H2 或 2026", "A period is like 2026H1, 2026H2 or 2026");
    }
}

/// <summary>One company's figure over the period for one item: numerator / denominator (null rate = nothing to count), whether
/// the item's rule fired, and the record made (or made by an earlier run).</summary>
internal sealed record FigureDto(
    Guid CompanyId,
    string Company,
    string ItemCode,
    string ItemName,
    CreditFigure Figure,
    string FigureText,
    string Rule,
    int Numerator,
    int Denominator,
    decimal? Percent,
    bool Fired,
    Guid? RecordId,
    bool New
);

internal sealed record FigureRunDto(string Period, DateOnly Start, DateOnly End, List<FigureDto> Figures, List<ConductRecordDto> Created);

/// <summary>
/// Conduct records from the companies' own figures (按企业数据计分): for every item of the regulator's current table that names a
/// figure, the app computes each overseen company's figure over a rating period from the other modules' records (through their
/// contracts, under the caller's scope) and, where the item's rule fires, records the conduct with the figure, its period and how
/// it was computed as evidence, and the usual objection window. Once per company, item and period; the company's managers are told
/// (not when the demo data is seeded: <paramref name="notifier"/> null).
/// </summary>
internal sealed class ComputeFigureConductHandler(WuyeDb db, TimeProvider clock, Notifier? notifier)
{
    public const string RecordedBy = "系统（按企业数据计算）";

    public async Task<(RatingPeriod Period, List<FigureDto> Figures)> ComputeAsync(
        Guid regulatorId,
        string? periodCode,
        CancellationToken ct
    )
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
        await RefuseClosedAsync(regulatorId, period, ct);
        if (period.End >= today)
            throw new RuleException(
                "credit_rating.period_open",
                $"评价期 {period.Code} 尚未结束（{period.End:yyyy-MM-dd}），结束后才能按企业数据计分",
                $"Period {period.Code} has not ended ({period.End:yyyy-MM-dd}); figures are scored after it"
            );
        var items = table.Items.Where(i => i.Figure is not null).ToList();
        if (items.Count == 0)
            return (period, []);
        var cutOff = FigureReadiness.ScoredFrom(period, items);
        if (clock.GetUtcNow() < cutOff)
            throw new RuleException(
                "conduct_record.figures_not_due",
                $"评价期 {period.Code} 的投诉处理率截至 {ChinaTime.Text(cutOff)} 计算（期内的投诉到那时都已过答复期限），届时系统自动计分",
                $"Period {period.Code}'s complaint handling rate is judged as of {ChinaTime.Text(cutOff)} (every complaint of the "
                    + "period is past its reply deadline by then); the app scores it then"
            );
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // One computation per regulator at a time (the job, the button, the close): the second one sees the first one's records.
        await FigureReadiness.LockAsync(db, regulatorId, ct);
        await RefuseClosedAsync(regulatorId, period, ct);
        var companies = await RegulatorTables.CompaniesAsync(db, regulatorId, ct);
        var ids = companies.Select(c => c.Id).ToList();
        var from = ChinaTime.StartOf(period.Start);
        var to = ChinaTime.StartOf(period.End.AddDays(1));
        var now = clock.GetUtcNow();
        var figures = new Dictionary<(Guid, CreditFigure), (int N, int D)>();
        if (items.Any(i => i.Figure == CreditFigure.ComplaintHandlingRate))
            foreach (
                var row in await db.ComplaintHandling()
                    .Where(c => ids.Contains(c.CompanyId) && c.Effective && c.ReceivedAt >= from && c.ReceivedAt < to)
                    .GroupBy(c => c.CompanyId)
                    .Select(g => new
                    {
                        g.Key,
                        // Judged at the fixed cut-off, whenever computed: handled when first closed (replied) before it.
                        N = g.Count(c => c.RepliedAt != null && c.RepliedAt < cutOff),
                        D = g.Count(),
                    })
                    .ToListAsync(ct)
            )
                figures[(row.Key, CreditFigure.ComplaintHandlingRate)] = (row.N, row.D);
        if (items.Any(i => i.Figure == CreditFigure.OwnerSatisfactionRate))
            foreach (
                var row in await db.ReturnVisitOutcomes()
                    .Where(v => ids.Contains(v.CompanyId) && v.VisitedAt >= from && v.VisitedAt < to)
                    .GroupBy(v => v.CompanyId)
                    .Select(g => new
                    {
                        g.Key,
                        N = g.Count(v => v.Satisfied),
                        D = g.Count(),
                    })
                    .ToListAsync(ct)
            )
                figures[(row.Key, CreditFigure.OwnerSatisfactionRate)] = (row.N, row.D);
        var codes = items.Select(i => i.Code).ToList();
        var existing = await db.Set<ConductRecord>()
            .Where(r => r.RegulatorId == regulatorId && r.FigurePeriod == period.Code && codes.Contains(r.ItemCode))
            .Select(r => new
            {
                r.CompanyId,
                r.ItemCode,
                r.Id,
            })
            .ToListAsync(ct);
        var result = new List<FigureDto>();
        var made = new List<(ConductRecord Record, string Company)>();
        foreach (var company in companies)
        foreach (var item in items)
        {
            var figure = item.Figure!.Value;
            var (n, d) = figures.GetValueOrDefault((company.Id, figure));
            decimal? percent = d == 0 ? null : Math.Round(100m * n / d, 1);
            var fired = percent is { } p && item.Fires(p);
            var earlier = existing.FirstOrDefault(e => e.CompanyId == company.Id && e.ItemCode == item.Code)?.Id;
            Guid? recordId = earlier;
            if (fired && earlier is null)
            {
                var record = ConductRecord.Create(
                    regulatorId,
                    table.Id,
                    table.AppealDays,
                    item,
                    company.Id,
                    null,
                    null,
                    period.End,
                    today,
                    Evidence(item, period, n, d, percent!.Value, cutOff),
                    ConductSource.Figures,
                    null,
                    RecordedBy
                );
                record.FigurePeriod = period.Code;
                db.Add(record);
                made.Add((record, company.Name));
                recordId = record.Id;
            }
            result.Add(
                new(
                    company.Id,
                    company.Name,
                    item.Code,
                    item.Name,
                    figure,
                    RegulationText.Figure(figure),
                    RegulationText.Rule(item)!,
                    n,
                    d,
                    percent,
                    fired,
                    recordId,
                    fired && earlier is null
                )
            );
        }
        foreach (var (record, _) in notifier is null ? [] : made)
        {
            var managers = await notifier!.UsersWithRoleAsync(Roles.CompanyManager, record.CompanyId, null, ct);
            await notifier!.NotifyAsync(
                managers,
                record.CompanyId,
                Loc.T("主管部门按企业数据生成了信用记录", "A credit record was made from your company's figures"),
                Loc.T(
                    $"{record.ItemName}（{period.Code}）：{RegulationText.Kind(record.Kind)}，异议期至 {record.AppealUntil:yyyy-MM-dd}",
                    $"{record.ItemName} ({period.Code}): {RegulationText.Kind(record.Kind)}; "
                        + $"objections until {record.AppealUntil:yyyy-MM-dd}"
                ),
                RegulationHomeTasks.RegulationHomeTasks.Link,
                $"figure-conduct:{record.Id:N}",
                ct
            );
        }
        if (!await db.Set<FigureRun>().AnyAsync(r => r.RegulatorId == regulatorId && r.Period == period.Code, ct))
            db.Add(
                new FigureRun
                {
                    RegulatorId = regulatorId,
                    Period = period.Code,
                    TableId = table.Id,
                    ComputedAt = now,
                }
            );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Only a computation that did not take the lock can get here: nothing of this run is kept, the other run's records stand.
            throw new RuleException(
                "conduct_record.figures_running",
                $"评价期 {period.Code} 的企业数据正在另行计分，请稍后刷新",
                $"Period {period.Code}'s figures are being scored elsewhere; refresh in a moment"
            );
        }
        await tx.CommitAsync(ct);
        return (period, result);
    }

    private async Task RefuseClosedAsync(Guid regulatorId, RatingPeriod period, CancellationToken ct)
    {
        if (await db.Set<CreditRating>().AnyAsync(r => r.RegulatorId == regulatorId && r.Period == period.Code, ct))
            throw new RuleException(
                "conduct_record.period_closed",
                $"评价期 {period.Code} 已评定并公布，不能再按企业数据计分",
                $"Period {period.Code} is closed and published: its figures can no longer be scored"
            );
    }

    /// <summary>The record's evidence, in Chinese as the record is kept: the figure, its period and how it was computed.</summary>
    public static string Evidence(CreditItem item, RatingPeriod period, int n, int d, decimal percent, DateTimeOffset cutOff)
    {
        var how =
            item.Figure == CreditFigure.ComplaintHandlingRate
                ? $"有效投诉处理率 = 截至 {ChinaTime.Text(cutOff)}（期末加最长答复期 {ComplaintHandlingReads.LongestReplyDays} 天）已办结的有效投诉 {n}"
                    + $" / 期内受理的有效投诉 {d}"
                : $"回访满意率 = 回访满意 {n} / 期内完成的回访 {d}";
        var rule = $"{(item.WhenBelow ? "低于" : "不低于")} {item.Threshold:0.##}%";
        return $"{period.Code}（{period.Start:yyyy-MM-dd} 至 {period.End:yyyy-MM-dd}）{how} = "
            + $"{percent.ToString("0.0", CultureInfo.InvariantCulture)}%；评分规则：{rule} 记“{item.Name}”。由系统按企业数据计算。";
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/conduct-records/from-figures",
                async (
                    WuyeDb db,
                    ComputeFigureConductHandler handler,
                    ConductReads reads,
                    ComputeFiguresInput body,
                    CancellationToken ct
                ) =>
                {
                    var (period, figures) = await handler.ComputeAsync(RegulatorTables.RegulatorOf(db, body.RegulatorId), body.Period, ct);
                    var created = figures.Where(f => f.New).Select(f => f.RecordId!.Value).ToList();
                    var dtos = await reads.ToDtosAsync(db.Set<ConductRecord>().AsNoTracking().Where(r => created.Contains(r.Id)), ct);
                    return TypedResults.Ok(new FigureRunDto(period.Code, period.Start, period.End, figures, dtos));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary(
                "Compute each overseen company's figures over a rating period (default: the last ended) and record the conduct the table's "
                    + "figure-scored items earn, once per company, item and period"
            );
    }
}
