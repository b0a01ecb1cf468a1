using Npgsql;
using Wuye.Platform;

namespace Wuye.Platform.Database;

/// <summary>
/// Where the database is: the server named by ConnectionStrings:Wuye, or else a private
/// embedded cluster under Wuye:DataDir (default ./.wuye). Started and migrated once, right
/// after the host is built and before it serves; the embedded cluster stops when the host
/// is disposed, after the web server has drained.
/// </summary>
public sealed class DatabaseHandle(IConfiguration config, ILogger<DatabaseHandle> log) : IAsyncDisposable
{
    private EmbeddedPostgres? _embedded;
    private string? _connectionString;

    public string ConnectionString =>
        _connectionString
        ?? throw new InvalidOperationException("The database is not started yet: call DatabaseHandle.StartAsync after building the host.");

    public bool IsEmbedded => _embedded is not null;
    public EmbeddedPostgres? Embedded => _embedded;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (_connectionString is not null)
            return;
        var configured = config.GetConnectionString("Wuye");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _connectionString = configured;
            log.LogInformation(
                "Using the PostgreSQL server from ConnectionStrings:Wuye ({Host})",
                new NpgsqlConnectionStringBuilder(configured).Host
            );
        }
        else
        {
            var settings = WuyeOptions.From(config);
            var dataDir = settings.DataPath;
            var port = settings.Database.EmbeddedPort;
            _embedded = await EmbeddedPostgres.StartAsync(
                Path.Combine(dataDir, "pg"),
                port,
                log,
                durable: true,
                stopWithProcess: settings.Database.EmbeddedStopsWithApp ? Environment.ProcessId : null,
                ct
            );
            await _embedded.CreateDatabaseIfMissingAsync("wuye", ct: ct);
            _connectionString = _embedded.ConnectionString("wuye");
        }
        try
        {
            await MigrationRunner.ApplyAsync(_connectionString, log, ct);
        }
        catch when (_embedded is not null)
        {
            // The host never starts, so nobody would dispose the cluster: stop it here rather
            // than leave a PostgreSQL running on the port for the next start to trip over.
            await _embedded.DisposeAsync();
            _embedded = null;
            _connectionString = null;
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
            await _embedded.DisposeAsync();
    }
}
