using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wuye.Platform.Database;

[assembly: AssemblyFixture(typeof(Wuye.Tests.Kit.TestCluster))]

namespace Wuye.Tests.Kit;

/// <summary>
/// One PostgreSQL cluster for the whole test run (the app's own embedded launcher, with fsync
/// off), and one template database migrated and filled with the small demo data once. Each test
/// class clones the template, so classes run in parallel on data of their own.
/// </summary>
public sealed class TestCluster : IAsyncLifetime
{
    public const string Template = "wuye_template";
    private static int _counter;
    public EmbeddedPostgres Postgres { get; private set; } = null!;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"wuye-tests-{Environment.ProcessId}");

    /// <summary>
    /// The China day the demo data was made on: its rota, roll-calls and "today" records belong to that day, and a run that
    /// crosses midnight in China (16:00 UTC) would otherwise look at tomorrow's. Tests of "today's" demo records ask for this day.
    /// </summary>
    public static DateOnly SeedDay { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, true);
        // Stops with this test process, however it ends (a run killed by a timeout leaves no PostgreSQL behind), and
        // inherits none of its descriptors (the build lock).
        Postgres = await EmbeddedPostgres.StartAsync(
            Path.Combine(Root, "pg"),
            FreePort(),
            NullLogger.Instance,
            durable: false,
            stopWithProcess: Environment.ProcessId
        );
        await Postgres.CreateDatabaseIfMissingAsync(Template);
        // Migrate and seed through the app itself, so the template is what production would hold.
        SeedDay = Wuye.Platform.Web.ChinaTime.Today(TimeProvider.System);
        await using (var app = new WuyeApp(this, Postgres.ConnectionString(Template), seedDemo: true))
        {
            _ = app.Server; // starting the host migrates and seeds
        }
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fresh database with the demo data, for one test class.</summary>
    public async Task<string> CloneAsync()
    {
        var name = $"t{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await Postgres.CreateDatabaseIfMissingAsync(name, Template);
        return Postgres.ConnectionString(name);
    }

    /// <summary>An empty database (no migrations), for migration tests.</summary>
    public async Task<string> EmptyAsync()
    {
        var name = $"e{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await Postgres.CreateDatabaseIfMissingAsync(name);
        return Postgres.ConnectionString(name);
    }

    private const string Migrated = "wuye_migrated";
    private readonly SemaphoreSlim _migrated = new(1, 1);
    private bool _migratedReady;

    /// <summary>
    /// A database with every migration applied and no row at all (no account, no demo data), for the first start: a clone
    /// of a template migrated once in the run, not ~130 migration files applied again for each test.
    /// </summary>
    public async Task<string> MigratedEmptyAsync()
    {
        await _migrated.WaitAsync();
        try
        {
            if (!_migratedReady)
            {
                await Postgres.CreateDatabaseIfMissingAsync(Migrated);
                var cs = Postgres.ConnectionString(Migrated);
                // Unpooled: no connection stays open on the template, which a clone requires.
                await MigrationRunner.ApplyAsync(cs, NullLogger.Instance);
                _migratedReady = true;
            }
        }
        finally
        {
            _migrated.Release();
        }
        var name = $"m{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}";
        await Postgres.CreateDatabaseIfMissingAsync(name, Migrated);
        return Postgres.ConnectionString(name);
    }

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port to listen on, below the kernel's ephemeral range (32768–60999 here): a port the kernel picks for port 0 is
    /// free only until an outgoing connection (to PostgreSQL, between Chromium and a test host) takes it as its local port,
    /// and then the test host found it taken and stopped (seen once in CI). Ports below the range are never handed to an
    /// outgoing connection; none is handed out twice in a run.
    /// </summary>
    public static int FreePort()
    {
        lock (HandedOut)
            for (var tries = 0; ; tries++)
            {
                var port = Random.Shared.Next(20_000, 32_768);
                if (!HandedOut.Add(port))
                    continue;
                try
                {
                    using var l = new TcpListener(IPAddress.Loopback, port);
                    l.Start();
                    return port;
                }
                catch (SocketException) when (tries < 100) { }
            }
    }

    /// <summary>
    /// Stops the cluster and has its folder removed by a process of its own, which outlives this one: ~140 databases of
    /// ~1,500 files each took the run's last half minute to delete, with every test already done.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Postgres.StopAsync();
        if (!Directory.Exists(Root))
            return;
        // setsid: out of the test run's process group (a Ctrl+C of the run does not stop it); no descriptor of ours, so
        // neither the build lock nor the output pipe of `… | tee` waits for it.
        var rm = new System.Diagnostics.ProcessStartInfo(
            "/usr/bin/setsid",
            ["/bin/sh", "-c", "exec rm -rf -- \"$0\" </dev/null >/dev/null 2>&1", Root]
        )
        {
            UseShellExecute = false,
        };
        System.Diagnostics.Process.Start(rm)?.Dispose();
    }
}
