using System.Diagnostics;

namespace Wuye.Bench;

/// <summary>One measured run: throughput, latency percentiles, and the app's CPU and memory while it ran.</summary>
public sealed record LoadResult(
    string Name,
    long Requests,
    long Errors,
    double Seconds,
    double[] SortedLatenciesMs,
    double CpuMsPerRequest,
    double PeakRssMb
)
{
    public double Rps => Requests / Seconds;

    public double P(double q) =>
        SortedLatenciesMs.Length == 0
            ? double.NaN
            : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)Math.Ceiling(q * SortedLatenciesMs.Length) - 1)];
}

/// <summary>
/// A closed-loop load generator: N workers each send the next request when the last answered,
/// bounded by time and by count, so a run always stops by itself.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(
        string name,
        Func<long, CancellationToken, Task<HttpResponseMessage>> send,
        int connections,
        TimeSpan duration,
        long maxRequests,
        int? appPid
    )
    {
        var latencies = new List<double>[connections];
        long counter = 0,
            errors = 0;
        string? firstError = null;
        using var cts = new CancellationTokenSource(duration);
        var cpuBefore = appPid is { } p1 ? ProcessStats.CpuMs(p1) : 0;
        var peak = 0.0;
        var sampler = appPid is { } p2
            ? Task.Run(async () =>
            {
                while (!cts.IsCancellationRequested)
                {
                    peak = Math.Max(peak, ProcessStats.RssMb(p2));
                    try
                    {
                        await Task.Delay(100, cts.Token);
                    }
                    catch (OperationCanceledException) { }
                }
            })
            : Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable
            .Range(0, connections)
            .Select(w =>
                Task.Run(async () =>
                {
                    var mine = latencies[w] = new List<double>(4096);
                    while (!cts.IsCancellationRequested)
                    {
                        var n = Interlocked.Increment(ref counter);
                        if (n > maxRequests)
                        {
                            Interlocked.Decrement(ref counter);
                            break;
                        }
                        var start = Stopwatch.GetTimestamp();
                        try
                        {
                            using var res = await send(n, CancellationToken.None);
                            if (!res.IsSuccessStatusCode)
                            {
                                Interlocked.Increment(ref errors);
                                firstError ??= $"{(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}";
                            }
                            else
                                await res.Content.LoadIntoBufferAsync();
                        }
                        catch (Exception ex)
                        {
                            Interlocked.Increment(ref errors);
                            firstError ??= ex.Message;
                        }
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                })
            )
            .ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        await cts.CancelAsync();
        await sampler;
        var cpu = appPid is { } p3 ? ProcessStats.CpuMs(p3) - cpuBefore : 0;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        if (errors > 0)
            Console.Error.WriteLine($"  {name}: {errors} errors, first: {firstError?[..Math.Min(firstError.Length, 300)]}");
        return new LoadResult(name, all.Length, errors, seconds, all, all.Length == 0 ? 0 : cpu / all.Length, peak);
    }
}

/// <summary>CPU time and resident memory of a process, from /proc.</summary>
public static class ProcessStats
{
    private const double TicksPerSecond = 100; // CLK_TCK on Linux

    public static double CpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) * 1000 / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static double RssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:"));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
