using System.Diagnostics;

namespace Wuye.Bench;

/// <summary>The published app started on the bench's own data (seeded once per size), and stopped again.</summary>
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
