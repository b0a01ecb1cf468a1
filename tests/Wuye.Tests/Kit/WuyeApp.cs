using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Tenancy;

namespace Wuye.Tests.Kit;

/// <summary>The whole app on a database of its own, with intent-revealing helpers.</summary>
public sealed class WuyeApp(
    TestCluster cluster,
    string connectionString,
    bool seedDemo = false,
    Dictionary<string, string?>? settings = null
) : WebApplicationFactory<Program>
{
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ConnectionString => connectionString;

    /// <summary>
    /// Stops the host, then closes the idle connections left in the global pool for this test's
    /// database (opened outside the app's data source), so forty-odd test databases do not
    /// together use up the cluster's connections.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        var dataSource = _started ? Services.GetService<Npgsql.NpgsqlDataSource>() : null;
        await base.DisposeAsync();
        if (dataSource is not null)
            await dataSource.DisposeAsync();
        using var conn = new Npgsql.NpgsqlConnection(connectionString);
        Npgsql.NpgsqlConnection.ClearPool(conn);
    }

    private bool _started;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _started = true;
        return host;
    }

    /// <summary>Replaces services before the host starts, e.g. a <see cref="MovableClock"/> as the TimeProvider.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public static async Task<WuyeApp> StartAsync(
        TestCluster cluster,
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null
    ) => new(cluster, await cluster.CloneAsync(), settings: settings) { TestServices = services };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Wuye", connectionString);
        builder.UseSetting("Wuye:DataDir", Path.Combine(cluster.Root, "data"));
        builder.UseSetting("Wuye:Demo:Seed", seedDemo ? "true" : "false");
        builder.UseSetting("Wuye:SignIn:PermitPerMinute", "100000");
        // Static assets cached as a published app serves them (fingerprinted, immutable), not revalidated on every page as
        // the Development environment would: a browser test then loads what a real phone loads.
        builder.UseSetting("EnableStaticAssetsDevelopmentCaching", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // EF logs every failed statement as an error even when the app catches it on purpose (a
        // unique key stopping a second run): in a test log that reads like the failure. A failure
        // that matters reaches the test as an exception with the same message.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Update", "None");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        // Tests run jobs by hand (RunOnceAsync), with a moved clock where they need one.
        builder.UseSetting("Wuye:Jobs:AutoStart", "false");
        // A row limit (Skip, Take, First) without a total order fails the test instead of warning.
        builder.UseSetting("Wuye:Database:StrictOrder", "true");
        foreach (var (k, v) in settings ?? [])
            builder.UseSetting(k, v);
        // The real hasher with fewer rounds: each of the suite's ~1,000 sign-ins would otherwise spend PBKDF2's 100,000 on two
        // shared cores. The count travels in each hash, so the template's accounts (seeded by this kit) verify with it too.
        builder.ConfigureServices(s => s.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000));
        if (Clock is { } clock)
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        if (TestServices is { } configure)
            builder.ConfigureServices(configure);
    }

    /// <summary>Set before the first request to move the app's clock from the test (a <see
    /// cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>, see <see cref="Clocks"/>).</summary>
    public TimeProvider? Clock { get; init; }

    public static async Task<WuyeApp> StartWithClockAsync(TestCluster cluster, TimeProvider clock) =>
        new(cluster, await cluster.CloneAsync()) { Clock = clock };

    /// <summary>An API client signed in as a demo user (bearer token, cached per user).</summary>
    public async Task<HttpClient> As(string userName, string password = DemoAccounts.Password)
    {
        var token = _tokens.GetValueOrDefault(userName) ?? await TokenAsync(userName, password);
        _tokens[userName] = token;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Drops cached tokens, e.g. after moving the test clock past their lifetime.</summary>
    public void ForgetTokens() => _tokens.Clear();

    public async Task<string> TokenAsync(string userName, string password = DemoAccounts.Password)
    {
        using var anon = CreateClient();
        var res = await anon.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        res.EnsureSuccessStatusCode();
        var body = await res.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Runs work against the database as the system (sees everything), for arranging and checking.</summary>
    public async Task<T> DbAsync<T>(Func<WuyeDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        return await work(scope.ServiceProvider.GetRequiredService<WuyeDb>());
    }
}
