using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.ComputeFigureConduct;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Jobs;

/// <summary>
/// Scores the companies' own figures once a rating period has ended: for every regulator whose current table has figure-scored
/// items, the last ended period's figures are computed and the records they earn made (once per company, item and period), so
/// their objection window runs before the regulator closes the period (the close waits for it). Each regulator is computed in a
/// DI scope and context of its own, and a failure is logged for that regulator alone: the others are still scored.
/// </summary>
internal sealed class FigureConductJob(IServiceScopeFactory scopes, ILogger<FigureConductJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        var tables = await db.Set<CreditRatingTable>()
            .AsNoTracking()
            .Where(t => t.RetiredAt == null)
            .OrderBy(t => t.RegulatorId)
            .ThenByDescending(t => t.VersionNo)
            .ToListAsync(ct);
        var clock = services.GetRequiredService<TimeProvider>();
        var today = ChinaTime.Today(clock);
        var made = 0;
        foreach (var table in tables.GroupBy(t => t.RegulatorId).Select(g => g.First()))
        {
            if (table.Items.All(i => i.Figure is null))
                continue;
            var period = RatingPeriod.LastEnded(table.Period, today);
            if (clock.GetUtcNow() < FigureReadiness.ScoredFrom(period, table.Items.Where(i => i.Figure is not null)))
                continue; // its complaints are judged at the fixed cut-off: scored on the first run after it
            if (await db.Set<CreditRating>().AnyAsync(r => r.RegulatorId == table.RegulatorId && r.Period == period.Code, ct))
                continue; // closed by hand before the job came round: nothing more to score
            using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
            scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
            try
            {
                var (_, figures) = await scope
                    .ServiceProvider.GetRequiredService<ComputeFigureConductHandler>()
                    .ComputeAsync(table.RegulatorId, period.Code, ct);
                made += figures.Count(f => f.New);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(ex, "Figure conduct for regulator {Regulator}, period {Period} failed", table.RegulatorId, period.Code);
            }
        }
        return made;
    }
}
