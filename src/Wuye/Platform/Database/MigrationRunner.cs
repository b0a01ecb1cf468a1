using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Wuye.Platform.Database;

/// <summary>
/// Applies the numbered SQL files in Migrations/ (embedded in the assembly), each in its own
/// transaction, under a PostgreSQL advisory lock so that several app instances may start at
/// once. Each applied file is recorded with its checksum; a file changed after it was applied
/// stops the start, because the database would no longer match the code's idea of it.
/// </summary>
public static partial class MigrationRunner
{
    private const long LockKey = 0x5775_7965_0001; // "Wuye" + 1

    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var asm = typeof(MigrationRunner).Assembly;
        var list = new List<Migration>();
        foreach (
            var res in asm.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations."))
        )
        {
            var file = res[(res.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var m = FileName().Match(file);
            if (!m.Success)
                throw new InvalidOperationException($"Migration file {file} must be named NNNN_name.sql");
            using var reader = new StreamReader(asm.GetManifestResourceStream(res)!, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n");
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            list.Add(new Migration(int.Parse(m.Groups[1].Value), m.Groups[2].Value, sql, checksum));
        }
        var dupes = list.GroupBy(m => m.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0)
            throw new InvalidOperationException($"Two migrations share version {string.Join(", ", dupes)}");
        return [.. list.OrderBy(m => m.Version)];
    }

    /// <summary>Applies what is pending; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(string connectionString, ILogger log, CancellationToken ct = default)
    {
        // Used once per start: not pooled, so no idle connection stays behind.
        await using var conn = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString
        );
        await conn.OpenAsync(ct);
        await Exec(conn, null, $"select pg_advisory_lock({LockKey})", ct);
        var applied = new List<int>();
        try
        {
            await Exec(
                conn,
                null,
                """
                create schema if not exists platform;
                create table if not exists platform.schema_migration (
                    version integer primary key,
                    name text not null,
                    checksum text not null,
                    applied_at timestamptz not null default now());
                """,
                ct
            );
            var done = await ReadAppliedAsync(conn, ct);
            foreach (var m in All)
            {
                if (done.TryGetValue(m.Version, out var checksum))
                {
                    if (checksum != m.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {m.Version:D4}_{m.Name}.sql was changed after it was applied to this database. "
                                + "Never edit an applied migration: restore it and add a new numbered file instead."
                        );
                    continue;
                }
                await using var tx = await conn.BeginTransactionAsync(ct);
                await Exec(conn, tx, m.Sql, ct);
                await using (
                    var rec = new NpgsqlCommand(
                        "insert into platform.schema_migration(version, name, checksum) values (@v, @n, @c)",
                        conn,
                        tx
                    )
                )
                {
                    rec.Parameters.AddWithValue("v", m.Version);
                    rec.Parameters.AddWithValue("n", m.Name);
                    rec.Parameters.AddWithValue("c", m.Checksum);
                    await rec.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log.LogInformation("Applied migration {Version:D4}_{Name}", m.Version, m.Name);
                applied.Add(m.Version);
            }
        }
        finally
        {
            await Exec(conn, null, $"select pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
        return applied;
    }

    /// <summary>The versions known to the code that the database has not applied (for /readyz).</summary>
    public static async Task<IReadOnlyList<int>> PendingAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var exists = await new NpgsqlCommand("select to_regclass('platform.schema_migration') is not null", conn).ExecuteScalarAsync(ct);
        if (exists is not true)
            return [.. All.Select(m => m.Version)];
        var done = await ReadAppliedAsync(conn, ct);
        return [.. All.Where(m => !done.ContainsKey(m.Version)).Select(m => m.Version)];
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var done = new Dictionary<int, string>();
        await using var cmd = new NpgsqlCommand("select version, checksum from platform.schema_migration", conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            done[r.GetInt32(0)] = r.GetString(1);
        return done;
    }

    private static async Task Exec(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_]+)\.sql$")]
    private static partial Regex FileName();
}
