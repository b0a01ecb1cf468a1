using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Npgsql;

namespace Wuye.Platform.Database;

/// <summary>
/// A private PostgreSQL cluster in a folder of ours, used when no connection string is set.
/// Listens on 127.0.0.1 only; runs as the unprivileged "postgres" user when we are root
/// (PostgreSQL refuses root); survives a kill -9 of the app (the orphan is found through
/// postmaster.pid and restarted) and of itself (PostgreSQL replays its WAL on start).
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    public const string User = "wuye";
    private readonly string _root;
    private readonly ILogger _log;
    private bool _stopped;
    private bool _durable;
    private int? _stopWith;

    public string DataDir { get; }
    public string SocketDir { get; }
    public int Port { get; }
    public string BinDir { get; }

    private EmbeddedPostgres(string root, int port, string binDir, ILogger log)
    {
        _root = Path.GetFullPath(root);
        DataDir = Path.Combine(_root, "data");
        SocketDir = Path.Combine(_root, "run");
        Port = port;
        BinDir = binDir;
        _log = log;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = User,
            Database = database,
            MaxAutoPrepare = 20,
            MaxPoolSize = 16,
            Timeout = 15,
        }.ConnectionString;

    /// <summary>Initialises the cluster on first use, recovers from an earlier crash, starts it and waits until it answers.</summary>
    /// <param name="stopWithProcess">
    /// A process whose end stops the cluster too (a test run's: a killed test process leaves no PostgreSQL behind). The app
    /// passes none: its cluster outlives a kill -9 of the app and is found again on the next start.
    /// </param>
    public static async Task<EmbeddedPostgres> StartAsync(
        string root,
        int port,
        ILogger log,
        bool durable = true,
        int? stopWithProcess = null,
        CancellationToken ct = default
    )
    {
        var pg = new EmbeddedPostgres(root, port, FindBinDir(), log) { _stopWith = stopWithProcess };
        await pg.StartCoreAsync(durable, ct);
        return pg;
    }

    public static string FindBinDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("WUYE_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "postgres")))
            return fromEnv;
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => (dir: Path.Combine(d, "bin"), ver: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(x => File.Exists(Path.Combine(x.dir, "postgres")))
                .OrderByDescending(x => x.ver)
                .Select(x => x.dir)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found. Install them with `apt-get install postgresql`, "
                    + "set WUYE_PG_BIN to the folder holding `postgres`, or set ConnectionStrings:Wuye to use a server of your own."
            );
    }

    private static bool IsRoot => geteuid() == 0;

    /// <summary>Whether the cluster's postmaster is alive (false after it died or was killed).</summary>
    public bool IsRunning => ReadPostmasterPid() is { } pid && IsPostgres(pid);

    /// <summary>Whether <see cref="StopAsync"/> was called (the app is shutting down: do not restart).</summary>
    public bool IsStopped => _stopped;

    /// <summary>Starts the cluster again after it died (PostgreSQL replays its WAL), unless the app stopped it.</summary>
    public async Task RestartAsync(CancellationToken ct)
    {
        if (_stopped)
            return;
        await StartCoreAsync(_durable, ct);
    }

    private async Task StartCoreAsync(bool durable, CancellationToken ct)
    {
        _durable = durable;
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(SocketDir);
        if (IsRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false, ct);

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            _log.LogInformation("Creating the embedded PostgreSQL cluster in {DataDir}", DataDir);
            if (Directory.Exists(DataDir))
                Directory.Delete(DataDir, recursive: true); // a half-made cluster from an interrupted initdb
            await RunAsync(
                Path.Combine(BinDir, "initdb"),
                ["-D", DataDir, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
                IsRoot,
                ct
            );
        }

        await StopOrphanAsync(ct);
        await EndLeftoverBackendsAsync(ct);
        EnsurePortFree();

        var args = new List<string>
        {
            Path.Combine(BinDir, "postgres"),
            "-D",
            DataDir,
            "-p",
            Port.ToString(),
            "-k",
            SocketDir,
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "max_connections=200",
            "-c",
            "shared_buffers=256MB",
            // Short OLTP queries: JIT compiling the odd costly one (a month's metrics, a 20,000-unit import) takes longer than
            // running it.
            "-c",
            "jit=off",
        };
        if (!durable)
            args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        var logFile = Path.Combine(_root, "postgres.log");
        // setsid: a Ctrl+C in the terminal reaches the app, which then stops PostgreSQL in order;
        // sh redirects the server's log to a file so that no pipe of ours can ever block it.
        var shell = "exec " + string.Join(' ', args.Select(Quote)) + " >> " + Quote(logFile) + " 2>&1";
        // A guard, detached (its parent exits at once), that stops the server when the owning process is gone; $$ is the
        // shell's pid, which exec hands on to postgres. It also ends when postgres does, so it never signals a reused pid.
        if (_stopWith is { } owner)
            shell =
                $"( ( while [ -d /proc/{owner} ] && [ -d /proc/$$ ]; do sleep 1; done; [ -d /proc/$$ ] && kill -INT $$; exit 0 ) "
                + "</dev/null >/dev/null 2>&1 & ); "
                + shell;
        // Descriptors this process inherited without close-on-exec (the build lock of `flock … dotnet test`) would live on in
        // the server, holding the lock after we are gone.
        Descriptors.CloseInheritedOnExec();
        var psi = new ProcessStartInfo("/usr/bin/setsid", ["/bin/sh", "-c", shell]) { UseShellExecute = false };
        if (IsRoot)
            psi.UserName = "postgres";

        var sw = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        var server = Launch(psi, logFile, out var logFrom);
        try
        {
            while (true)
            {
                try
                {
                    // Unpooled: an idle pooled connection from before a restart would answer without the server.
                    await using var conn = new NpgsqlConnection(
                        new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString
                    );
                    await conn.OpenAsync(ct);
                    break;
                }
                catch (Exception ex) when (ex is NpgsqlException or SocketException && sw.Elapsed < limit)
                {
                    if (server.HasExited)
                    {
                        // The server gave up at once. After a kill -9 of PostgreSQL, the dead postmaster's backends may still hold
                        // its shared memory for a moment ("pre-existing shared memory block … is still in use"): end them, try again.
                        var said = LogSince(logFile, logFrom);
                        if (
                            !said.Contains("shared memory block", StringComparison.Ordinal)
                            && !said.Contains("lock file", StringComparison.Ordinal)
                        )
                            throw new InvalidOperationException($"The embedded PostgreSQL stopped at start ({logFile}): {said.Trim()}", ex);
                        _log.LogWarning("PostgreSQL could not start yet ({Said}); trying again", said.Trim());
                        await EndLeftoverBackendsAsync(ct);
                        await Task.Delay(200, ct);
                        server.Dispose();
                        server = Launch(psi, logFile, out logFrom);
                        continue;
                    }
                    await Task.Delay(100, ct);
                }
                catch (Exception ex)
                {
                    var said = LogSince(logFile, logFrom).Trim();
                    throw new InvalidOperationException($"The embedded PostgreSQL did not start within 60 s ({logFile}): {said}", ex);
                }
            }
        }
        finally
        {
            server.Dispose();
        }
        _log.LogInformation("Embedded PostgreSQL ready on 127.0.0.1:{Port} in {Ms} ms", Port, sw.ElapsedMilliseconds);
    }

    private void EnsurePortFree()
    {
        try
        {
            using var l = new TcpListener(IPAddress.Loopback, Port);
            // As PostgreSQL binds: connections of a server that just died linger in TIME_WAIT and must not count as taken.
            l.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            l.Start();
            l.Stop();
        }
        catch (SocketException)
        {
            throw new StartupFailedException(
                $"无法启动：数据库端口 {Port}（127.0.0.1）已被其他程序占用（也许另一个 Wuye 正在运行）。请先停止它，或用 --Wuye:Database:EmbeddedPort=端口号 换一个空闲端口。"
                    + Environment.NewLine
                    + $"Cannot start: the database port {Port} on 127.0.0.1 is taken by another program (another Wuye, perhaps). Stop "
                    + $"it, or choose a free port with --Wuye:Database:EmbeddedPort=<port>."
            );
        }
    }

    /// <summary>After a kill -9 of the app, its PostgreSQL lives on as an orphan: stop it so we start cleanly.</summary>
    private async Task StopOrphanAsync(CancellationToken ct)
    {
        var pid = ReadPostmasterPid();
        if (pid is null)
            return;
        if (!IsPostgres(pid.Value))
            return; // a stale file: PostgreSQL removes it itself on start
        _log.LogWarning("Found a running PostgreSQL (pid {Pid}) left by an earlier run; stopping it first", pid);
        await SignalAndWaitAsync(pid.Value, ct);
    }

    private int? ReadPostmasterPid()
    {
        var file = Path.Combine(DataDir, "postmaster.pid");
        if (!File.Exists(file))
            return null;
        try
        {
            return int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres";
        }
        catch
        {
            return false;
        }
    }

    private async Task SignalAndWaitAsync(int pid, CancellationToken ct)
    {
        const int SIGINT = 2,
            SIGQUIT = 3;
        kill(pid, SIGINT); // fast shutdown: roll back open transactions, checkpoint, exit
        var sw = Stopwatch.StartNew();
        while (IsPostgres(pid) && sw.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(50, ct);
        if (IsPostgres(pid))
        {
            _log.LogWarning("PostgreSQL did not stop within 20 s; sending SIGQUIT");
            kill(pid, SIGQUIT);
            while (IsPostgres(pid) && sw.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(50, ct);
        }
    }

    public async Task CreateDatabaseIfMissingAsync(string name, string? template = null, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var check = new NpgsqlCommand("select 1 from pg_database where datname = @n", conn);
        check.Parameters.AddWithValue("n", name);
        if (await check.ExecuteScalarAsync(ct) is not null)
            return;
        // A copy of a template is made file by file (FILE_COPY, PostgreSQL 15 on): a third of the time of the default, which
        // reads every page of the template through the buffers and writes it to the WAL (a test run clones ~140 databases).
        var copy =
            template is null ? ""
            : conn.PostgreSqlVersion.Major >= 15 ? $" template \"{template}\" strategy file_copy"
            : $" template \"{template}\"";
        await using var create = new NpgsqlCommand($"create database \"{name}\"{copy}", conn);
        await create.ExecuteNonQueryAsync(ct);
    }

    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        var pid = ReadPostmasterPid();
        if (pid is not null && IsPostgres(pid.Value))
        {
            NpgsqlConnection.ClearAllPools();
            await SignalAndWaitAsync(pid.Value, CancellationToken.None);
            _log.LogInformation("Embedded PostgreSQL stopped");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task RunAsync(string file, IEnumerable<string> args, bool asPostgres, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
            psi.UserName = "postgres";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {await stderr}{await stdout}");
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}

/// <summary>The app cannot start for a reason a person can fix; its message says which and how, in one plain sentence (no stack
/// trace).</summary>
public sealed class StartupFailedException(string message) : Exception(message);
