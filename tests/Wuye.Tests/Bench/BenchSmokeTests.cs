using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Bench;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Bench;

/// <summary>The bench's own host, served by Kestrel once for the class: it adds the baselines as a service.</summary>
public sealed class BenchHost(TestCluster cluster) : IAsyncLifetime
{
    public WuyeApp App { get; private set; } = null!;
    public string Url { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        App = new WuyeApp(cluster, await cluster.CloneAsync())
        {
            TestServices = s => s.AddSingleton<IHostEndpoints, Wuye.Bench.Baseline.BaselineEndpoints>(),
        };
        App.UseKestrel(port);
        App.StartServer();
        Url = $"http://127.0.0.1:{port}";
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// A few requests of every benchmark scenario and its raw baseline, so the harness cannot rot
/// between benchmark runs (which are not part of the test suite). One host serves every scenario.
/// </summary>
public sealed class BenchSmokeTests(TestCluster cluster, BenchHost host) : IClassFixture<BenchHost>
{
    private readonly WuyeApp _app = host.App;
    private readonly string _url = host.Url;

    public static TheoryData<string> ScenarioNames() => [.. Scenarios.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task Each_scenario_and_its_baseline_answer_without_errors(string name)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_url) };
        var ctx = await BenchContext.CreateAsync(client);
        var scenario = Scenarios.All.Single(s => s.Name == name);
        if (scenario.Prepare is { } prepare)
            await prepare(ctx, 2);
        var app = await Load.RunAsync(name, (n, ct) => scenario.App(ctx, n), 2, TimeSpan.FromSeconds(20), 4, null);
        var raw = await Load.RunAsync(name, (n, ct) => scenario.Raw(ctx, n), 2, TimeSpan.FromSeconds(20), 4, null);
        Assert.Equal(0, app.Errors);
        Assert.Equal(0, raw.Errors);
        Assert.Equal(4, app.Requests);
        Assert.Equal(4, raw.Requests);
    }

    [Fact]
    public async Task The_baseline_is_not_mapped_unless_asked_for()
    {
        await using var other = new WuyeApp(cluster, _app.ConnectionString);
        var res = await other
            .CreateClient()
            .PostAsync("/bench/raw/token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains(res.StatusCode, new[] { System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.MethodNotAllowed });
    }
}
