using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Regulation.Features.Shared;

/// <summary>A company's place in a ranking: its outcome, its rank (ties share a rank) and whether it is flagged (通报).</summary>
internal sealed record CreditStanding(Guid CompanyId, string Company, CreditOutcome Outcome, int Rank, bool Flagged);

/// <summary>Every company of a regulator rated under its current table on a day and ranked by score (the close and the pages
/// use it).</summary>
internal static class CreditStandings
{
    public static async Task<List<CreditStanding>> RankAsync(
        WuyeDb db,
        CreditRatingTable table,
        DateOnly asOf,
        DateOnly today,
        CancellationToken ct
    )
    {
        var companies = await RegulatorTables.CompaniesAsync(db, table.RegulatorId, ct);
        var facts = await ConductReads.FactsAsync(db, table.RegulatorId, asOf, today, ct);
        var rules = table.Rules();
        var rated = companies
            .Select(c => (c.Id, c.Name, Outcome: CreditScoring.Rate(rules, facts.GetValueOrDefault(c.Id) ?? [], asOf)))
            .OrderByDescending(x => x.Outcome.Score)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .ToList();
        var lowest = rules.Bands[^1].Grade;
        var standings = new List<CreditStanding>();
        for (var i = 0; i < rated.Count; i++)
        {
            var (id, name, outcome) = rated[i];
            var rank = i > 0 && rated[i - 1].Outcome.Score == outcome.Score ? standings[i - 1].Rank : i + 1;
            var bottom = table.FlagBottom > 0 && rank > rated.Count - table.FlagBottom;
            standings.Add(new(id, name, outcome, rank, bottom || outcome.Grade is null || outcome.Grade == lowest));
        }
        return standings;
    }
}
