using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// The built app's command line, run as a process (issue 12 item 10, issue 21 item 18): every
/// command answers --help with its usage and starts nothing; bad arguments print what is wrong and
/// the usage; a taken port is one plain sentence; the banner names the address really listened on.
/// </summary>
public sealed class CommandLineTests(TestCluster cluster)
{
    private static readonly string AppDll = Path.Combine(AppContext.BaseDirectory, "Wuye.dll");

    private sealed record Outcome(int? ExitCode, string Out, string Err)
    {
        public string All => Out + Err;
    }

    /// <summary>
    /// Runs the app with <paramref name="args"/>. Settings that would make a mistaken start harmless
    /// come last: a private data directory and a database that does not answer, so an app that
    /// starts work instead of printing help fails fast instead of seeding anything.
    /// </summary>
    private static async Task<Outcome> RunAsync(
        string[] args,
        string? connectionString = null,
        Func<string, bool>? stopWhen = null,
        int seconds = 90
    )
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "wuye-cli-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(AppDll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.ArgumentList.Add($"--Wuye:DataDir={dataDir}");
        psi.ArgumentList.Add(
            $"--ConnectionStrings:Wuye={connectionString ?? "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2"}"
        );
        psi.ArgumentList.Add("--Wuye:Jobs:AutoStart=false");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var p = Process.Start(psi)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stop = new TaskCompletionSource();
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stdout)
                stdout.AppendLine(e.Data);
            if (stopWhen?.Invoke(e.Data) == true)
                stop.TrySetResult();
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
                stderr.AppendLine(e.Data);
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var exited = p.WaitForExitAsync();
        var done = await Task.WhenAny(exited, stop.Task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        int? code = null;
        if (done == exited)
        {
            p.WaitForExit();
            code = p.ExitCode;
        }
        else
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        try
        {
            Directory.Delete(dataDir, true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        lock (stdout)
            lock (stderr)
                return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    private static int FreePort() => TestCluster.FreePort();

    [Theory]
    [InlineData(new[] { "--help" }, "seed")]
    [InlineData(new[] { "run", "--help" }, "--urls")]
    [InlineData(new[] { "seed", "--help" }, "--size")]
    [InlineData(new[] { "seed", "-h" }, "--seed")]
    public async Task Each_command_answers_help_with_its_usage_and_starts_nothing(string[] args, string mentions)
    {
        var o = await RunAsync(args, seconds: 60);
        Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}: {o.All}");
        Assert.Contains("Usage", o.Out);
        Assert.Contains(mentions, o.Out);
        Assert.DoesNotContain("Exception", o.All);
    }

    [Theory]
    [InlineData("")]
    [InlineData("run")]
    public async Task The_create_script_is_printed_without_a_database(string command)
    {
        // The database named by RunAsync does not answer: the draft must not need one.
        var o = await RunAsync(command == "" ? ["--print-create-script"] : [command, "--print-create-script"], seconds: 60);
        Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}: {o.All}");
        Assert.Contains("CREATE SCHEMA facilities;", o.Out);
        Assert.Contains("CREATE TABLE fees.fee_item (", o.Out);
        Assert.DoesNotContain("Exception", o.All);
    }

    [Theory]
    [InlineData(new[] { "seed", "--size", "huge" }, "huge")]
    [InlineData(new[] { "seed", "--seed", "many" }, "many")]
    [InlineData(new[] { "bogus" }, "bogus")]
    [InlineData(new[] { "run", "--colour" }, "--colour")]
    public async Task Bad_arguments_print_what_is_wrong_and_the_usage(string[] args, string named)
    {
        var o = await RunAsync(args, seconds: 60);
        Assert.True(o.ExitCode is > 0, $"exit {o.ExitCode}: {o.All}");
        Assert.Contains(named, o.All);
        Assert.Contains("Usage", o.All);
        Assert.DoesNotContain("   at ", o.All);
    }

    [Fact]
    public async Task A_taken_port_is_one_plain_sentence_naming_it_and_what_to_do()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var o = await RunAsync(["--urls", $"http://127.0.0.1:{port}"], await cluster.CloneAsync());
        Assert.True(o.ExitCode is > 0, $"exit {o.ExitCode}: {o.All}");
        Assert.Contains(port.ToString(), o.Err);
        Assert.Contains("already in use", o.Err);
        Assert.Contains("--urls", o.Err);
        Assert.DoesNotContain("   at ", o.All);
        Assert.DoesNotContain("Exception", o.All);
    }

    [Fact]
    public async Task The_banner_names_the_address_given_by_urls()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var o = await RunAsync(["--Urls", url], await cluster.CloneAsync(), stopWhen: line => line.Contains("listening on"));
        Assert.Contains("listening on", o.Out);
        var banner = o.Out.Split('\n').First(l => l.Contains("listening on"));
        Assert.Contains(url, banner);
        Assert.DoesNotContain("5080", banner);
    }

    [Fact]
    public async Task Admin_create_makes_a_platform_administrator_whose_one_time_password_is_printed_once()
    {
        var cs = await cluster.EmptyAsync();
        var o = await RunAsync(["admin", "create", "--user-name", "ops", "--name", "运维值班"], cs);
        Assert.True(o.ExitCode == 0, $"exit {o.ExitCode}: {o.All}");
        var password = System.Text.RegularExpressions.Regex.Match(o.Out, @"one-time password (\S+) ").Groups[1].Value;
        Assert.NotEmpty(password);

        await using (var app = new WuyeApp(cluster, cs))
        {
            // The only account (the first start made no other); its one-time password opens only the password change.
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync("ops", password));
            var refused = await client.GetAsync("/api/v1/companies");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("auth.password_change_required", (await refused.JsonAsync()).GetProperty("code").GetString());
            Assert.Equal(["ops"], await app.DbAsync(db => db.Users.Select(u => u.UserName!).ToListAsync()));
            Assert.True(await app.DbAsync(db => db.RoleAssignments.AnyAsync(r => r.Role == Wuye.Platform.Identity.Roles.PlatformAdmin)));
        }

        var again = await RunAsync(["admin", "create", "--user-name", "ops"], cs);
        Assert.True(again.ExitCode is > 0, $"exit {again.ExitCode}: {again.All}");
        Assert.Contains("ops", again.Err);
        Assert.DoesNotContain("   at ", again.All);
    }
}
