using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

// ./wuye bench [scenario…] [--size small|large] [--seconds 5] [--rounds 3] [--connections 32] [--url http://…]
// Starts the published app on its own data (seeded once per size), warms up, runs each scenario
// and its raw baseline interleaved (A B A B …), prints a table and exits non-zero when a ratio
// is below its goal.
namespace Wuye.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "host")
        {
            // The app itself with the raw baselines beside it, in one process (started by AppProcess below).
            return await WuyeHost.RunAsync(args[1..], s => s.AddSingleton<IHostEndpoints, Baseline.BaselineEndpoints>());
        }
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }
        if (args.FirstOrDefault() is "import" or "bills")
        {
            // One timed import of a generated 100,000-unit project (see ImportBench); "bills" then issues its month's bills.
            await ImportBench.RunAsync(args[0] == "bills" ? [.. args[1..], "--bills"] : args[1..]);
            return 0;
        }
        Options opts;
        try
        {
            opts = Options.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Process? app = null;
        var baseUrl = opts.Url;
        var signals = new List<PosixSignalRegistration>();
        try
        {
            if (baseUrl is null)
            {
                (app, baseUrl) = await AppProcess.StartAsync(opts);
                // Killed (Ctrl+C, kill, the terminal closing): stop the app, which stops its PostgreSQL, before going.
                var started = app;
                void Stop(PosixSignalContext c)
                {
                    c.Cancel = true;
                    Console.Error.WriteLine($"{c.Signal}: stopping the app and its PostgreSQL…");
                    AppProcess.StopAsync(started).GetAwaiter().GetResult();
                    Environment.Exit(130);
                }
                signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop));
                signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
                signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop));
            }
            // Options.Parse has refused an unknown scenario name already: none named means all.
            var selected = Scenarios.All.Where(s => opts.Scenarios.Count == 0 || opts.Scenarios.Contains(s.Name)).ToList();
            int ConnectionsOf(Scenario s) => opts.Smoke ? opts.Connections : s.Connections ?? opts.Connections;
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = selected.Select(ConnectionsOf).Append(opts.Connections).Max() * 2,
                PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var ctx = await BenchContext.CreateAsync(client);
            if (!opts.Smoke && (opts.Scenarios.Count == 0 || opts.Scenarios.Contains("metrics")))
            {
                // The first metrics read after bulk data recomputes the rollup of every stale month: once, not timed.
                using var slow = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
                var sw = Stopwatch.StartNew();
                using var res = await slow.SendAsync(
                    ctx.Authed(HttpMethod.Get, $"/api/v1/work-order-metrics?companyId={ctx.CompanyId}&groupBy=project")
                );
                res.EnsureSuccessStatusCode();
                Console.WriteLine($"Metrics rollup up to date ({sw.Elapsed.TotalSeconds:0.0} s for the first read)");
            }
            // A scenario's own data (the patrol's guards, signed in, and their open rounds): made before anything is timed.
            foreach (var s in selected)
                if (s.Prepare is { } prepare)
                    await prepare(ctx, ConnectionsOf(s));

            var pid = app?.Id;
            Console.WriteLine(
                $"Wuye bench · {opts.Size} data · {opts.Connections} connections · {opts.Seconds}s × {opts.Rounds} rounds per side · "
                    + $"{Environment.ProcessorCount} CPUs · {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z"
            );
            foreach (var s in selected) // warm-up: JIT, pools, prepared statements; as many connections as the scenario will use
            {
                var connections = ConnectionsOf(s);
                await Load.RunAsync(
                    s.Name,
                    (n, ct) => s.App(ctx, n),
                    connections,
                    TimeSpan.FromSeconds(Math.Min(2, opts.Seconds)),
                    2000,
                    null
                );
                await Load.RunAsync(
                    s.Name,
                    (n, ct) => s.Raw(ctx, n),
                    connections,
                    TimeSpan.FromSeconds(Math.Min(2, opts.Seconds)),
                    2000,
                    null
                );
            }

            var rows = new List<(Scenario S, List<LoadResult> A, List<LoadResult> B)>();
            foreach (var s in selected)
            {
                var a = new List<LoadResult>();
                var b = new List<LoadResult>();
                for (var r = 0; r < opts.Rounds; r++)
                {
                    a.Add(
                        await Load.RunAsync(
                            s.Name,
                            (n, ct) => s.App(ctx, n),
                            ConnectionsOf(s),
                            TimeSpan.FromSeconds(opts.Seconds),
                            opts.MaxRequests,
                            pid
                        )
                    );
                    b.Add(
                        await Load.RunAsync(
                            s.Name + " raw",
                            (n, ct) => s.Raw(ctx, n),
                            ConnectionsOf(s),
                            TimeSpan.FromSeconds(opts.Seconds),
                            opts.MaxRequests,
                            pid
                        )
                    );
                }
                rows.Add((s, a, b));
            }

            var report = Report.Table(rows, opts);
            Console.WriteLine(report.Text);
            Directory.CreateDirectory(Path.Combine(opts.Root, "bench", "results"));
            await File.WriteAllTextAsync(Path.Combine(opts.Root, "bench", "results", "latest.md"), report.Text);
            return report.Failed && !opts.Smoke ? 1
                : report.HasErrors ? 3
                : 0;
        }
        finally
        {
            if (app is not null)
                await AppProcess.StopAsync(app);
            foreach (var r in signals)
                r.Dispose();
        }
    }
}

public sealed class Options
{
    public List<string> Scenarios { get; } = [];
    public string Size { get; set; } = "large";
    public int Seconds { get; set; } = 5;
    public int Rounds { get; set; } = 3;
    public int Connections { get; set; } = 32;
    public long MaxRequests { get; set; } = 2_000_000;
    public int? Requests { get; set; }
    public string? Url { get; set; }
    public bool Smoke { get; set; }
    public string Root { get; set; } = Environment.GetEnvironmentVariable("WUYE_ROOT") ?? Directory.GetCurrentDirectory();

    public static string Usage =>
        $"""
            Usage: ./wuye bench [scenario…] [options]
                   ./wuye bench import [--units 100000]
                   ./wuye bench bills [--units 100000]
            Measures the hot paths against a raw baseline on the app's own data (seeded once per size).
            Scenarios (all when none is named): {string.Join(", ", Wuye.Bench.Scenarios.All.Select(s => s.Name))}
            Options:
              --size small|large   the demo data to measure on (default large)
              --seconds N          seconds per round and side (default 5)
              --rounds N           rounds per side, interleaved (default 3)
              --connections N      concurrent connections (default 32)
              --requests N         stop a round after N requests
              --url URL            measure an app that is already running instead of starting one
              --smoke              one short round, to check the bench itself
              -h, --help           this text
            """;

    /// <summary>Reads the arguments; anything it does not know is an <see cref="ArgumentException"/> naming it.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options();
        string Value(ref int i) => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        int Number(ref int i)
        {
            var name = args[i];
            var v = Value(ref i);
            return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{name} must be a positive whole number, not '{v}'");
        }
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size":
                    o.Size = Value(ref i);
                    if (o.Size is not ("small" or "large"))
                        throw new ArgumentException($"--size must be small or large, not '{o.Size}'");
                    break;
                case "--seconds":
                    o.Seconds = Number(ref i);
                    break;
                case "--rounds":
                    o.Rounds = Number(ref i);
                    break;
                case "--connections":
                    o.Connections = Number(ref i);
                    break;
                case "--url":
                    o.Url = Value(ref i);
                    break;
                case "--requests":
                    o.Requests = Number(ref i);
                    break;
                case "--smoke":
                    o.Smoke = true;
                    o.Rounds = 1;
                    o.Seconds = 2;
                    o.MaxRequests = 20;
                    o.Connections = 2;
                    break;
                case var a when a.StartsWith('-'):
                    throw new ArgumentException($"Unknown option '{a}'");
                case var name when Wuye.Bench.Scenarios.All.Any(s => s.Name == name):
                    o.Scenarios.Add(name);
                    break;
                default:
                    throw new ArgumentException(
                        $"No such scenario '{args[i]}'. Known: {string.Join(", ", Wuye.Bench.Scenarios.All.Select(s => s.Name))}"
                    );
            }
        }
        return o;
    }
}

internal static class AppProcess
{
    public static async Task<(Process, string)> StartAsync(Options o)
    {
        var appDll = Path.Combine(o.Root, ".wuye", "app", "Wuye.dll");
        if (!File.Exists(appDll))
            throw new InvalidOperationException($"{appDll} not found: run through ./wuye bench, which publishes the app first.");
        var data = Path.Combine(o.Root, ".wuye", $"bench-{o.Size}");
        string[] common = [$"--Wuye:DataDir={data}", "--Wuye:Database:EmbeddedPort=5449", "--Logging:LogLevel:Default=Warning"];
        if (!File.Exists(Path.Combine(data, $"seeded-{o.Size}")))
        {
            Console.WriteLine($"Preparing {o.Size} data in {data} (once)…");
            var sw = Stopwatch.StartNew();
            await StopLeftoverAsync(data);
            for (var attempt = 1; ; attempt++)
            {
                using var seed = Process.Start(
                    new ProcessStartInfo("dotnet", [appDll, "seed", "--size", o.Size, "--seed", "1", .. common])
                    {
                        WorkingDirectory = Path.GetDirectoryName(appDll)!,
                    }
                )!;
                await seed.WaitForExitAsync();
                if (seed.ExitCode == 0)
                    break;
                if (attempt == 3)
                    throw new InvalidOperationException(
                        $"seeding {o.Size} data failed ({seed.ExitCode}); an interrupted seed leaves a partial database: delete {data} "
                            + $"and run again"
                    );
                Console.Error.WriteLine($"  seeding exited with {seed.ExitCode} (attempt {attempt}); retrying in {attempt * 3} s");
                await Task.Delay(TimeSpan.FromSeconds(attempt * 3));
            }
            await File.WriteAllTextAsync(Path.Combine(data, $"seeded-{o.Size}"), DateTime.UtcNow.ToString("O"));
            Console.WriteLine($"  seeded in {sw.Elapsed.TotalSeconds:0.0} s");
        }
        await StopLeftoverAsync(data);
        const string url = "http://127.0.0.1:5090";
        using (var stray = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) })
        {
            try
            {
                await stray.GetAsync("/healthz");
                throw new InvalidOperationException(
                    $"Something already answers on {url}: stop it first, or it would be measured instead of this build."
                );
            }
            catch (HttpRequestException) { } // nothing there: good
            catch (TaskCanceledException) { }
        }
        Process p;
        for (var attempt = 1; ; attempt++)
        {
            // The bench's own host: the published app's assembly and files (working directory) with the raw
            // baselines mapped beside it; the product never carries them.
            p = Process.Start(
                new ProcessStartInfo(
                    "dotnet",
                    [
                        typeof(AppProcess).Assembly.Location,
                        "host",
                        "--applicationName=Wuye",
                        $"--Urls={url}",
                        "--Wuye:SignIn:PermitPerMinute=100000000",
                        // Background jobs off: escalating and notifying about every request the create scenario adds would be
                        // measured as request time of whichever side runs then (the metrics rollup refreshes before a read anyway).
                        "--Wuye:Jobs:AutoStart=false",
                        .. common,
                    ]
                )
                {
                    WorkingDirectory = Path.GetDirectoryName(appDll)!,
                }
            )!;
            await File.WriteAllTextAsync(PidFile(data), p.Id.ToString());
            if (await ReadyAsync(p, url))
                break;
            // An orphaned PostgreSQL of a killed run may still be shutting down or recovering: the app
            // then fails its start; it stops such an orphan itself, so a later attempt finds the cluster free.
            if (attempt == 5)
                throw new InvalidOperationException(
                    $"the app did not become ready in {attempt} attempts; see {Path.Combine(data, "pg", "postgres.log")}"
                );
            Console.Error.WriteLine(
                $"  the app exited with {p.ExitCode} before it was ready (attempt {attempt}); retrying in {attempt * 3} s"
            );
            await Task.Delay(TimeSpan.FromSeconds(attempt * 3));
        }
        // The embedded PostgreSQL is up while the app runs: add the request volume now (once per data folder).
        await BulkRequests.EnsureAsync(
            "Host=127.0.0.1;Port=5449;Username=wuye;Database=wuye;Timeout=30",
            o.Requests ?? (o.Size == "large" ? 1_000_000 : 20_000),
            data
        );
        return (p, url);
    }

    private static string PidFile(string data) => Path.Combine(data, "bench-app.pid");

    private static async Task<bool> ReadyAsync(Process p, string url)
    {
        using var probe = new HttpClient { BaseAddress = new Uri(url) };
        var wait = Stopwatch.StartNew();
        while (true)
        {
            if (p.HasExited)
                return false;
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                    return true;
            }
            catch (HttpRequestException) { }
            if (wait.Elapsed > TimeSpan.FromSeconds(180))
                throw new TimeoutException("the app was not ready within 180 s");
            await Task.Delay(200);
        }
    }

    /// <summary>The app of an earlier bench run that was killed outright (kill -9) is still running: stop it.</summary>
    private static async Task StopLeftoverAsync(string data)
    {
        if (!File.Exists(PidFile(data)) || !int.TryParse(await File.ReadAllTextAsync(PidFile(data)), out var pid))
            return;
        try
        {
            using var old = Process.GetProcessById(pid);
            var cmdline = await File.ReadAllTextAsync($"/proc/{pid}/cmdline");
            if (!cmdline.Contains("Wuye.dll") || !cmdline.Contains(data))
                return;
            Console.Error.WriteLine($"Stopping the app left running by an earlier bench run (pid {pid})…");
            await StopAsync(old);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException) { } // gone already
    }

    public static async Task StopAsync(Process p)
    {
        if (p.HasExited)
            return;
        // SIGTERM: a background process may have SIGINT ignored; the host stops gracefully on either.
        using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString()]))
            await kill!.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(true);
        }
    }
}

internal static class Report
{
    public static (string Text, bool Failed, bool HasErrors) Table(
        List<(Scenario S, List<LoadResult> A, List<LoadResult> B)> rows,
        Options o
    )
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine("| scenario | side | req/s | p50 ms | p90 ms | p99 ms | app CPU ms/req | peak RSS MB | ratio | goal | |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        var failed = false;
        var errors = false;
        foreach (var (s, a, b) in rows)
        {
            var ra = Median(a.Select(x => x.Rps));
            var rb = Median(b.Select(x => x.Rps));
            var ratio = rb == 0 ? 0 : ra / rb;
            var p95 = a.SelectMany(x => x.SortedLatenciesMs).OrderBy(x => x).ToArray() is { Length: > 0 } l
                ? l[Math.Min(l.Length - 1, (int)Math.Ceiling(0.95 * l.Length) - 1)]
                : double.NaN;
            var p99A = a.SelectMany(x => x.SortedLatenciesMs).OrderBy(x => x).ToArray() is { Length: > 0 } l99
                ? l99[Math.Min(l99.Length - 1, (int)Math.Ceiling(0.99 * l99.Length) - 1)]
                : double.NaN;
            var ok =
                (s.MinRatio is null || ratio >= s.MinRatio)
                && (s.MaxP95Ms is null || p95 < s.MaxP95Ms)
                && (s.MaxP99Ms is null || p99A < s.MaxP99Ms);
            failed |= !ok;
            errors |= a.Concat(b).Any(x => x.Errors > 0);
            var goal = string.Join(
                ", ",
                new[]
                {
                    s.MinRatio is { } g ? $"≥ {g:0.00}×" : null,
                    s.MaxP95Ms is { } m ? $"p95 < {m:0} ms (is {p95:0})" : null,
                    s.MaxP99Ms is { } m99 ? $"p99 < {m99:0} ms (is {p99A:0})" : null,
                }.OfType<string>()
            );
            Line(
                sb,
                s.Name + (s.Connections is { } c && !o.Smoke ? $" ({c} conn.)" : ""),
                "app",
                a,
                $"{ratio:0.00}×",
                goal.Length == 0 ? "—" : goal,
                ok ? "ok" : "MISSED"
            );
            Line(sb, "", "raw", b, "", "", "");
        }
        var peak = rows.SelectMany(r => r.A.Concat(r.B)).Select(x => x.PeakRssMb).DefaultIfEmpty(0).Max();
        var p99 = rows.Where(r => r.S.Name == "list").SelectMany(r => r.A).Select(x => x.P(0.99)).DefaultIfEmpty(double.NaN).Max();
        var listRun = rows.Any(r => r.S.Name == "list");
        sb.AppendLine();
        sb.AppendLine(
            $"Resident memory peak under load: {peak:0} MB (goal < 400 MB: {(peak < 400 ? "ok" : "MISSED")})"
                + (
                    listRun
                        ? $"; list p99 at {o.Connections} connections: {p99:0.0} ms (goal < 50 ms: {(p99 < 50 ? "ok" : "MISSED")})."
                        : "."
                )
        );
        // The list's p99 goal is judged only when the list was measured (a run of other scenarios has no list figure).
        if (!o.Smoke)
            failed |= peak >= 400 || (listRun && !(p99 < 50));
        return (sb.ToString(), failed, errors);
    }

    private static void Line(StringBuilder sb, string name, string side, List<LoadResult> runs, string ratio, string goal, string verdict)
    {
        var lat = runs.SelectMany(r => r.SortedLatenciesMs).OrderBy(x => x).ToArray();
        var merged = new LoadResult(
            name,
            runs.Sum(r => r.Requests),
            runs.Sum(r => r.Errors),
            runs.Sum(r => r.Seconds),
            lat,
            runs.Average(r => r.CpuMsPerRequest),
            runs.Max(r => r.PeakRssMb)
        );
        sb.AppendLine(
            $"| {name} | {side} | {Median(runs.Select(r => r.Rps)):0} | {merged.P(0.5):0.0} | {merged.P(0.9):0.0} | {merged.P(0.99):0.0} "
                + $"| {merged.CpuMsPerRequest:0.00} | {merged.PeakRssMb:0} | {ratio} | {goal} | {verdict} |"
        );
    }

    private static double Median(IEnumerable<double> xs)
    {
        var a = xs.OrderBy(x => x).ToArray();
        return a.Length == 0 ? 0
            : a.Length % 2 == 1 ? a[a.Length / 2]
            : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }
}
