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
        if (args.FirstOrDefault() == "tasks")
            return await MaintenanceBench.RunAsync(args[1..]);
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
            ctx.Size = opts.Size;
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
