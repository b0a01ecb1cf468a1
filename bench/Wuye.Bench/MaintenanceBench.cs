using System.Net.Http.Json;
using System.Text.Json;

namespace Wuye.Bench;

/// <summary>
/// <c>./wuye bench tasks</c> (issue 15: a month of tasks for 200 projects × 300 plans in under 10 s): starts the bench app on its data,
/// makes BenchGroup's company and its 60,000 plans (once), then times the maintenance job's generator over every plan, twice from a
/// clean state and once more on top (which must add nothing).
/// </summary>
internal static class MaintenanceBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var opts = Options.Parse(args);
        var (app, url) = await AppProcess.StartAsync(opts);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30) };
            var ctx = await BenchContext.CreateAsync(client);
            ctx.Size = opts.Size;
            await GroupContext.PrepareAsync(ctx, 1);
            var failed = false;
            for (var round = 1; round <= 2; round++)
            {
                using var setup = await client.PostAsync("/bench/raw/maintenance-setup", null);
                setup.EnsureSuccessStatusCode();
                var plans = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plans").GetInt32();
                var (tasks, ms, wal) = await GenerateAsync(client);
                Console.WriteLine(
                    $"round {round}: {plans:N0} plans → {tasks:N0} tasks in {ms:N0} ms (goal < 10,000 ms for 200 × 300 plans), "
                        + $"{wal / 1048576:N0} MB of WAL"
                );
                failed |= ms >= 10_000 && opts.Size == "large";
                var (again, againMs, _) = await GenerateAsync(client);
                Console.WriteLine($"  run again at once: {again:N0} tasks in {againMs:N0} ms");
                failed |= again != 0;
            }
            return failed ? 1 : 0;
        }
        finally
        {
            await AppProcess.StopAsync(app);
        }
    }

    private static async Task<(int Tasks, long Ms, long Wal)> GenerateAsync(HttpClient client)
    {
        using var res = await client.PostAsync("/bench/raw/maintenance-generate", null);
        var body = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode)
            throw new InvalidOperationException($"generate answered {(int)res.StatusCode}: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("tasks").GetInt32(), json.GetProperty("milliseconds").GetInt64(), json.GetProperty("walBytes").GetInt64());
    }
}
