using System.Diagnostics;

namespace Wuye.Tests.Kit;

/// <summary>
/// The built app run as a separate process on a database of the test cluster, for what the in-process server cannot show:
/// a kill -9, Kestrel's own limits (a body over the limit). Answers once /healthz does; the caller kills it.
/// </summary>
public static class AppProcess
{
    public static async Task<Process> StartAsync(string connectionString, string dataDir, int port, params string[] settings)
    {
        var psi = new ProcessStartInfo(
            Path.Combine(AppContext.BaseDirectory, "Wuye"),
            [
                "--urls",
                $"http://127.0.0.1:{port}",
                "--ConnectionStrings:Wuye",
                connectionString,
                "--Wuye:DataDir",
                dataDir,
                "--Wuye:Jobs:AutoStart",
                "false",
                "--Wuye:SignIn:PermitPerMinute",
                "100000",
                "--Logging:LogLevel:Default",
                "Warning",
                .. settings,
            ]
        )
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var sw = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(p.HasExited, $"the app exited with {(p.HasExited ? p.ExitCode : 0)} while starting");
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode)
                    return p;
            }
            catch (HttpRequestException) when (sw.Elapsed < TimeSpan.FromSeconds(60)) { }
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the app (if it still runs) and waits for it.</summary>
    public static async Task StopAsync(Process p)
    {
        if (!p.HasExited)
            p.Kill();
        await p.WaitForExitAsync();
        p.Dispose();
    }
}
