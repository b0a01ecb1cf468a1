using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>
/// 信用等级公示 for the public, no sign-in: each regulator's latest closed period, companies by rank with grade, red/black list
/// and 通报 flag; the score only where the table made it public. Nothing else of the records is shown.
/// </summary>
[AllowAnonymous]
internal sealed class PublicRatingsModel(WuyeDb db) : PageModel
{
    public sealed record Row(string Company, int Rank, string? GradeLabel, CreditList List, bool Flagged, decimal? Score);

    public sealed record Board(string Table, string Period, DateOnly End, List<Row> Rows);

    public List<Board> Boards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Published ratings are public by definition: read past the scope filter, this one table only, the latest period of each regulator.
        var ratings = db.Set<CreditRating>().IgnoreQueryFilters().AsNoTracking();
        var latest = await ratings
            .GroupBy(r => r.RegulatorId)
            .Select(g => new { Regulator = g.Key, End = g.Max(r => r.PeriodEnd) })
            .ToListAsync(ct);
        foreach (var l in latest.OrderByDescending(l => l.End).ThenBy(l => l.Regulator).Take(20))
        {
            var rows = await ratings
                .Where(r => r.RegulatorId == l.Regulator && r.PeriodEnd == l.End)
                .OrderBy(r => r.Rank)
                .ThenBy(r => r.CompanyName)
                .ThenBy(r => r.Id)
                .Take(500)
                .ToListAsync(ct);
            if (rows.Count == 0)
                continue;
            Boards.Add(
                new(
                    rows[0].TableName,
                    rows[0].Period,
                    l.End,
                    [.. rows.Select(r => new Row(r.CompanyName, r.Rank, r.GradeLabel, r.List, r.Flagged, r.ScorePublic ? r.Score : null))]
                )
            );
        }
    }
}
