using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

/// <summary>
/// Whether a period's figure-scored items let it close: a table with such items closes a period only once its figures were
/// computed (<see cref="FigureRun"/>) and every record they made has passed its objection window (or had its objection decided),
/// so that no figure record is silently left out of the close. The close refuses with this; the credit page explains it.
/// </summary>
internal static class FigureReadiness
{
    /// <summary>The per-regulator lock the figure computation and the close share (inside the caller's transaction).</summary>
    public static Task LockAsync(WuyeDb db, Guid regulatorId, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync($"select pg_advisory_xact_lock(hashtextextended({regulatorId.ToString()}, 19))", ct);

    /// <summary>
    /// When a period's figures are scored: with a complaint handling rate, at the fixed cut-off — the period's end plus the longest
    /// reply a complaint may be promised (Complaints' <see cref="ComplaintHandlingReads.LongestReplyDays"/>), by which every
    /// complaint of the period is past its reply deadline however it was postponed — so the figure is the same whenever it is
    /// computed; with satisfaction alone, once the period has ended.
    /// </summary>
    public static DateTimeOffset ScoredFrom(RatingPeriod period, IEnumerable<CreditItem> items) =>
        items.Any(i => i.Figure == CreditFigure.ComplaintHandlingRate)
            ? ChinaTime.StartOf(period.End.AddDays(1 + ComplaintHandlingReads.LongestReplyDays))
            : ChinaTime.StartOf(period.End.AddDays(1));

    /// <summary>Why the period may not close yet, or null.</summary>
    public static async Task<RuleException?> BlockAsync(
        WuyeDb db,
        CreditRatingTable table,
        RatingPeriod period,
        DateOnly today,
        CancellationToken ct
    )
    {
        if (table.Items.All(i => i.Figure is null))
            return null;
        if (!await db.Set<FigureRun>().AnyAsync(r => r.RegulatorId == table.RegulatorId && r.Period == period.Code, ct))
        {
            var scoredFrom = ChinaTime.Text(ScoredFrom(period, table.Items.Where(i => i.Figure is not null)));
            return new RuleException(
                "credit_rating.figures_uncomputed",
                $"评价期 {period.Code} 尚未按企业数据计分：{scoredFrom} 起可“按企业数据计分”（系统届时 6 小时内自动计分），"
                    + "所生成记录的异议期满后才能评定",
                $"Period {period.Code}'s figures have not been scored yet: they are scored from {scoredFrom} (the app does within 6 hours "
                    + "of it, or score them then); the close is offered once the records they make are past their objection window"
            );
        }
        var rows = await db.Set<ConductRecord>()
            .AsNoTracking()
            .Where(r => r.RegulatorId == table.RegulatorId && r.FigurePeriod == period.Code)
            .Select(r => new { Record = r, Objected = db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id) })
            .ToListAsync(ct);
        var waiting = rows.Where(x => !x.Record.Withdrawn && !x.Record.Confirmed(today, x.Objected)).ToList();
        if (waiting.Count == 0)
            return null;
        var inWindow = waiting.Where(x => !x.Objected || x.Record.AppealUntil >= today).ToList();
        var undecided = waiting.Count(x => x.Objected && x.Record.Decision is null);
        var from = inWindow.Count == 0 ? (DateOnly?)null : inWindow.Max(x => x.Record.AppealUntil).AddDays(1);
        var zh = new List<string>();
        var en = new List<string>();
        if (from is { } f)
        {
            zh.Add($"{inWindow.Count} 条按企业数据计分的记录尚在异议期内，{f:yyyy-MM-dd} 起才能评定");
            en.Add($"{inWindow.Count} figure-scored record(s) are still open to objection; the close is offered from {f:yyyy-MM-dd}");
        }
        if (undecided > 0)
        {
            zh.Add($"{undecided} 条按企业数据计分的记录有异议待裁决");
            en.Add($"{undecided} figure-scored record(s) have an objection to decide");
        }
        return new RuleException(
            "credit_rating.figures_pending",
            $"评价期 {period.Code}：{string.Join("；", zh)}（否则这些记录不会计入评定）",
            $"Period {period.Code}: {string.Join("; ", en)} (else the close would leave them out)"
        );
    }
}
