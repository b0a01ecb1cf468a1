using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wuye.Platform.Database;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>The embedded cluster keeps every acknowledged write through a kill -9 of the app or of PostgreSQL.</summary>
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_of_postgres_and_of_the_app()
    {
        var root = Path.Combine(Path.GetTempPath(), $"wuye-durability-{Guid.NewGuid():N}");
        var port = TestCluster.FreePort();
        try
        {
            var pg = await EmbeddedPostgres.StartAsync(root, port, NullLogger.Instance, durable: true);
            await pg.CreateDatabaseIfMissingAsync("wuye");
            var cs = pg.ConnectionString("wuye");
            await Exec(cs, "create table t(id int primary key)");
            for (var i = 1; i <= 200; i++)
                await Exec(cs, $"insert into t values ({i})"); // each acknowledged on return

            // kill -9 of PostgreSQL itself: it must replay its WAL on the next start. One of its backends is frozen first, as a
            // busy machine can hold one back: it keeps the dead server's shared memory, which a new server refuses to share
            // until that backend is gone (it failed a CI run that way).
            var postmaster = PostmasterPid(root);
            var frozen = Backends(root).First(pid => pid != postmaster);
            Assert.Equal(0, kill(frozen, SIGSTOP));
            Process.GetProcessById(postmaster).Kill();
            await WaitGone(root);
            NpgsqlConnection.ClearAllPools();
            pg = await EmbeddedPostgres.StartAsync(root, port, NullLogger.Instance, durable: true);
            Assert.Equal(200L, await Scalar(cs, "select count(*) from t"));
            Assert.True(Ended(frozen), "the frozen backend of the killed server was ended");

            // kill -9 of the app: its PostgreSQL lives on as an orphan. A new start must take over.
            for (var i = 201; i <= 300; i++)
                await Exec(cs, $"insert into t values ({i})");
            var orphan = PostmasterPid(root);
            NpgsqlConnection.ClearAllPools();
            var again = await EmbeddedPostgres.StartAsync(root, port, NullLogger.Instance, durable: true);
            Assert.NotEqual(orphan, PostmasterPid(root));
            Assert.Equal(300L, await Scalar(cs, "select count(*) from t"));
            await again.StopAsync();
        }
        finally
        {
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException) { }
        }
    }

    private const int SIGSTOP = 19;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>The server's processes: each works in the data folder.</summary>
    private static List<int> Backends(string root) =>
        Directory
            .EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Where(pid =>
            {
                try
                {
                    return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget == Path.Combine(root, "data");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return false;
                }
            })
            .ToList();

    /// <summary>Gone, or a zombie waiting for whoever adopted it to reap it.</summary>
    private static bool Ended(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static int PostmasterPid(string root) => int.Parse(File.ReadLines(Path.Combine(root, "data", "postmaster.pid")).First());

    private static async Task WaitGone(string root)
    {
        var pid = PostmasterPid(root);
        for (var i = 0; i < 100 && File.Exists($"/proc/{pid}/comm") && File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres"; i++)
            await Task.Delay(50);
    }

    private static async Task Exec(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await new NpgsqlCommand(sql, conn).ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return (long)(await new NpgsqlCommand(sql, conn).ExecuteScalarAsync())!;
    }
}
