using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Jobs;

namespace Wuye.Modules.Fees.Jobs;

/// <summary>
/// Every 2 minutes folds the collection tally's appended changes (one row per written statement of bills or allocations,
/// migration 0150) into its folded rows, so the collection rates keep reading a few rows per building. The figures do not
/// change: readers add both. Returns the changes folded.
/// </summary>
internal sealed class CollectionTallyJob(IServiceScopeFactory scopes, ILogger<CollectionTallyJob> log) : WuyeJob(scopes, log)
{
    protected override async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<WuyeDb>();
        return await db.Database.SqlQuery<int>($"select fees.fold_collection_tally() as \"Value\"").SingleAsync(ct);
    }
}
