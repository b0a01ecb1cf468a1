// Import benchmark: a 100,000-unit project with an owner per unit, as one .xlsx, through the
// API (upload = dry run, then commit), against the embedded PostgreSQL with durable settings.
//   dotnet run --project bench/Wuye.Bench -c Release [-- --units 100000]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Bench;

internal static class ImportBench
{
    // Not top-level statements: the bench's own Program class would hide the app's Program
    // from WebApplicationFactory<Program>, which would then run this bench again.
    public static async Task RunAsync(string[] args)
    {
        // The app's content root (wwwroot, pages): found from here, as the tests' manifest would.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Wuye", "Wuye.csproj")))
            dir = dir.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WUYE", Path.Combine(dir?.FullName ?? ".", "src", "Wuye"));
        var units = args.SkipWhile(a => a != "--units").Skip(1).Select(int.Parse).FirstOrDefault(100_000);
        var bills = args.Contains("--bills");
        var root = Path.Combine(Path.GetTempPath(), $"wuye-bench-{Environment.ProcessId}");
        var port = FreePort();
        await using var pg = await EmbeddedPostgres.StartAsync(Path.Combine(root, "pg"), port, NullLogger.Instance, durable: true);
        await pg.CreateDatabaseIfMissingAsync("bench");
        try
        {
            await using var app = new BenchApp(pg.ConnectionString("bench"), Path.Combine(root, "data"));
            using var anon = app.CreateClient();
            var token = (
                await (
                    await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName = "manager", password = "Wuye@2026" })
                ).Content.ReadFromJsonAsync<JsonElement>()
            )
                .GetProperty("accessToken")
                .GetString();
            using var client = app.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var company = (await client.GetFromJsonAsync<JsonElement>("/api/v1/companies?q=锦华"))
                .GetProperty("items")[0]
                .GetProperty("id")
                .GetGuid();
            var project = (
                await (
                    await client.PostAsJsonAsync(
                        "/api/v1/projects",
                        new
                        {
                            companyId = company,
                            name = "基准测试城",
                            kind = "residential",
                        }
                    )
                ).Content.ReadFromJsonAsync<JsonElement>()
            ).GetProperty("id").GetGuid();

            var sw = Stopwatch.StartNew();
            const int floors = 25,
                perFloor = 8;
            var rows = new List<IReadOnlyList<string?>>(units);
            for (var n = 0; n < units; n++)
            {
                var b = n / (floors * perFloor) + 1;
                var f = n / perFloor % floors + 1;
                var u = n % perFloor + 1;
                rows.Add([
                    $"{b}幢",
                    $"{f}{u:D2}",
                    b % 4 == 0 ? "北区"
                    : b % 3 == 0 ? "西区"
                    : "东区",
                    f.ToString(),
                    (70 + n % 90).ToString(),
                    "三室两厅",
                    "2021-06-30",
                    "2023-06-30",
                    $"业主{n}",
                    $"13{n % 10}{n:D8}",
                ]);
            }
            var xlsx = TableFile.Xlsx(
                new TableSheet(
                    "房屋",
                    ["楼栋", "房号", "片区", "楼层", "建筑面积", "户型", "交房日期", "保修截止", "业主姓名", "业主手机"],
                    rows
                )
            );
            Console.WriteLine($"generated {units:N0} rows: {xlsx.Length / 1024.0 / 1024:N1} MB in {sw.ElapsedMilliseconds:N0} ms");

            sw.Restart();
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(xlsx), "file", "bench.xlsx");
            var upload = await client.PostAsync($"/api/v1/imports?projectId={project}&rows=errors", form);
            var report = await upload.Content.ReadFromJsonAsync<JsonElement>();
            var dryRun = sw.ElapsedMilliseconds;
            if (!upload.IsSuccessStatusCode)
                throw new InvalidOperationException($"upload answered {(int)upload.StatusCode}: {report}");
            var batch = report.GetProperty("batch");
            Console.WriteLine(
                $"upload + dry run: {dryRun:N0} ms, to create {batch.GetProperty("toCreate").GetInt32():N0}, errors "
                    + $"{batch.GetProperty("errors").GetInt32()}"
            );

            sw.Restart();
            var commit = await client.PostAsync($"/api/v1/imports/{batch.GetProperty("id").GetGuid()}/commit", null);
            var committed = await commit.Content.ReadFromJsonAsync<JsonElement>();
            var commitMs = sw.ElapsedMilliseconds;
            if (!commit.IsSuccessStatusCode)
                throw new InvalidOperationException($"commit answered {(int)commit.StatusCode}: {committed}");
            Console.WriteLine($"commit: {commitMs:N0} ms (server {committed.GetProperty("commitMilliseconds").GetInt32():N0} ms)");
            Console.WriteLine($"total upload to imported: {dryRun + commitMs:N0} ms for {units:N0} units with owners");

            sw.Restart();
            using var again = new MultipartFormDataContent();
            again.Add(new ByteArrayContent(xlsx), "file", "bench.xlsx");
            var second = await (
                await client.PostAsync($"/api/v1/imports?projectId={project}&rows=none", again)
            ).Content.ReadFromJsonAsync<JsonElement>();
            Console.WriteLine(
                $"re-import dry run: {sw.ElapsedMilliseconds:N0} ms, unchanged "
                    + $"{second.GetProperty("batch").GetProperty("unchanged").GetInt32():N0}"
            );
            if (bills)
                await BillsAsync(client, project, units);
        }
        finally
        {
            await pg.StopAsync();
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// A month's bills for the imported project (issue 18: 100,000 units in under 15 s): two fee items (management fee per m²,
    /// refuse collection), then POST /bills/generate for this month, timed from request to answer; then again, which must
    /// issue nothing (idempotent).
    /// </summary>
    private static async Task BillsAsync(HttpClient client, Guid project, int units)
    {
        foreach (var (name, kind, price) in new[] { ("物业管理费", "areaBased", 2.3m), ("生活垃圾清运费", "fixed", 10m) })
        {
            var item = await client.PostAsJsonAsync(
                "/api/v1/fee-items",
                new
                {
                    projectId = project,
                    name,
                    kind,
                    unitPrice = price,
                    rounding = "halfUp",
                    dueDay = 15,
                    graceDays = 15,
                    lateFeeDailyRate = 0.0005m,
                    lateFeeCap = 0.2m,
                }
            );
            if (!item.IsSuccessStatusCode)
                throw new InvalidOperationException($"fee item answered {(int)item.StatusCode}: {await item.Content.ReadAsStringAsync()}");
        }
        var period = ChinaTime.Today(TimeProvider.System).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        for (var run = 1; run <= 2; run++)
        {
            var sw = Stopwatch.StartNew();
            var answer = await client.PostAsJsonAsync("/api/v1/bills/generate", new { projectId = project, period });
            var ms = sw.ElapsedMilliseconds;
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"generate answered {(int)answer.StatusCode}: {body}");
            var created = body.GetProperty("created").GetInt32();
            Console.WriteLine(
                $"bills {period} run {run}: {ms:N0} ms, created {created:N0}, already billed "
                    + $"{body.GetProperty("alreadyBilled").GetInt32():N0} of {units:N0} units"
            );
            if (run == 1 && created != units || run == 2 && created != 0)
                throw new InvalidOperationException($"run {run} created {created} bills");
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}

internal sealed class BenchApp(string connectionString, string dataDir) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Wuye", connectionString);
        builder.UseSetting("Wuye:DataDir", dataDir);
        builder.UseSetting("Wuye:Demo:Seed", "true");
        builder.UseSetting("Wuye:Import:MaxBytes", (64L * 1024 * 1024).ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
