using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Database;

public sealed partial class WuyeDb
{
    /// <summary>
    /// The app's context. Its options name no connection (EF keys its internal services — the model, the compiled queries — on
    /// the options, and a data source there would give every host its own, rebuilt for each of a test run's hundreds of hosts
    /// and never freed): its connections come from the app's data source (its pool, its logging). Options that name a
    /// connection of their own (the schema drift test's, the create-script draft's) keep it.
    /// </summary>
    public WuyeDb(
        DbContextOptions<WuyeDb> options,
        ScopeAccessor scope,
        TimeProvider clock,
        IEnumerable<IModelContributor> contributors,
        NpgsqlDataSource dataSource
    )
        : this(options, scope, clock, contributors)
    {
        if (RelationalOptionsExtension.Extract(options) is { Connection: null, ConnectionString: null })
            Database.SetDbConnection(dataSource.CreateConnection(), contextOwnsConnection: true);
    }
}
