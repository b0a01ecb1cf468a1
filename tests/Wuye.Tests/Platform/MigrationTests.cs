using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

public sealed class MigrationTests(TestCluster cluster)
{
    [Fact]
    public async Task The_migrated_schema_equals_what_the_EF_model_expects()
    {
        var migrated = await cluster.EmptyAsync();
        await MigrationRunner.ApplyAsync(migrated, NullLogger.Instance);

        var modelled = await cluster.EmptyAsync();
        await using (var app = new WuyeApp(cluster, migrated))
        using (var scope = app.Services.CreateScope())
        {
            var options = new DbContextOptionsBuilder<WuyeDb>().UseNpgsql(modelled).Options;
            using var db = ActivatorUtilities.CreateInstance<WuyeDb>(scope.ServiceProvider, options);
            await db.Database.EnsureCreatedAsync();
        }

        var a = await SchemaAsync(migrated);
        var b = await SchemaAsync(modelled);
        // Functions and triggers are the migrations' alone (the EF model has none): the collection tally's (0150) must be there.
        Assert.Contains("CREATE TRIGGER tally_bills_inserted AFTER INSERT ON fees.bill", a);
        Assert.Contains("CREATE TRIGGER tally_allocations_inserted AFTER INSERT ON fees.payment_allocation", a);
        a = WithoutRoutines(a);
        b = WithoutRoutines(b);
        Assert.True(
            a == b,
            "Migrations and the EF model disagree. Add a migration (draft it with `dotnet Wuye.dll --print-create-script`).\n" + Diff(a, b)
        );
    }

    [Fact]
    public async Task Two_instances_migrating_at_once_apply_each_file_once()
    {
        var cs = await cluster.EmptyAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => MigrationRunner.ApplyAsync(cs, NullLogger.Instance)));
        Assert.Equal(MigrationRunner.All.Count, results.Sum(r => r.Count));
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        Assert.Empty(await MigrationRunner.PendingAsync(conn, default));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_the_start()
    {
        var cs = await cluster.EmptyAsync();
        await MigrationRunner.ApplyAsync(cs, NullLogger.Instance);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await new NpgsqlCommand(
                "update platform.schema_migration set checksum = 'edited' where version = 1",
                conn
            ).ExecuteNonQueryAsync();
        }
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrationRunner.ApplyAsync(cs, NullLogger.Instance));
        Assert.Contains("was changed after it was applied", ex.Message);
    }

    [Fact]
    public async Task Re_applying_keeps_the_data()
    {
        var cs = await cluster.CloneAsync();
        await using var app = new WuyeApp(cluster, cs);
        var before = await app.DbAsync(db => db.Units().CountAsync());
        await MigrationRunner.ApplyAsync(cs, NullLogger.Instance);
        Assert.Equal(before, await app.DbAsync(db => db.Units().CountAsync()));
        Assert.True(before > 1000);
    }

    private async Task<string> SchemaAsync(string cs)
    {
        var b = new NpgsqlConnectionStringBuilder(cs);
        var psi = new ProcessStartInfo(
            Path.Combine(cluster.Postgres.BinDir, "pg_dump"),
            [
                "--schema-only",
                "--no-owner",
                "--no-privileges",
                "-h",
                b.Host!,
                "-p",
                b.Port.ToString(),
                "-U",
                b.Username!,
                "--exclude-table=platform.schema_migration",
                b.Database!,
            ]
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        var lines = output
            .Split('\n')
            .Where(l => !l.StartsWith("--") && !l.StartsWith("\\restrict") && !l.StartsWith("\\unrestrict") && l.Trim().Length > 0);
        return Regex.Replace(string.Join('\n', lines), @"[ \t]+", " ");
    }

    private static string WithoutRoutines(string schema) =>
        Regex.Replace(
            Regex.Replace(Regex.Replace(schema, @"(?ms)^CREATE FUNCTION .*?\$\$;$", ""), @"(?m)^CREATE TRIGGER .*$", ""),
            @"\n+",
            "\n"
        );

    private static string Diff(string a, string b)
    {
        var la = a.Split('\n').ToHashSet();
        var lb = b.Split('\n').ToHashSet();
        var at = la.SetEquals(lb) ? a.Split('\n').Zip(b.Split('\n')).TakeWhile(x => x.First == x.Second).Count() : -1;
        if (at >= 0)
            return "the same lines in another order, from line "
                + at
                + ":\n  "
                + string.Join("\n  ", a.Split('\n').Skip(at).Take(8))
                + "\nthe model:\n  "
                + string.Join("\n  ", b.Split('\n').Skip(at).Take(8));
        return "only in migrations:\n  "
            + string.Join("\n  ", la.Except(lb).Take(30))
            + "\nonly in model:\n  "
            + string.Join("\n  ", lb.Except(la).Take(30));
    }
}
