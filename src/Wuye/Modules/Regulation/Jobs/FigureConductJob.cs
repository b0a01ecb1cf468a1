using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.ComputeFigureConduct;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Regulation.Jobs;

/// <summary>
/// Scores the companies' own figures once a rating period has ended: for every regulator whose current table has figure-scored
/// items, the last ended period's figures are computed and the records they earn made (once per company, item and period), so
/// their objection window runs before the regulator closes the period.
/// </summary>
internal sealed class FigureConductJob(IServiceScopeFactory scopes, ILogger<FigureConductJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var handler = services.GetRequiredService<ComputeFigureConductHandler>();
        var tables = await db.Set<CreditRatingTable>()
            .AsNoTracking()
            .Where(t => t.RetiredAt == null)
            .OrderBy(t => t.RegulatorId)
            .ThenByDescending(t => t.VersionNo)
            .ToListAsync(ct);
        var made = 0;
        foreach (var table in tables.GroupBy(t => t.RegulatorId).Select(g => g.First()))
        {
            if (table.Items.All(i => i.Figure is null))
                continue;
            var (_, figures) = await handler.ComputeAsync(table.RegulatorId, null, ct);
            made += figures.Count(f => f.New);
        }
        return made;
    }
}
