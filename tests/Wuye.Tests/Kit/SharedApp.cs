namespace Wuye.Tests.Kit;

/// <summary>
/// One app on one database for every test of a class (a class fixture), for classes whose tests do
/// not depend on each other's absence: starting a host costs ~2 s of CPU (431 endpoints built, a
/// database cloned), more than most API tests themselves. Classes that move a clock or need a
/// database untouched by their neighbours keep an app per test.
/// </summary>
public class SharedApp(TestCluster cluster) : IAsyncLifetime
{
    public WuyeApp App { get; private set; } = null!;

    /// <summary>Settings the class's app starts with.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync() => App = await WuyeApp.StartAsync(cluster, Settings);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// One Kestrel-served app for every browser test of a class; each test closes its own pages
/// (<see cref="BrowserApp.CloseContextsAsync"/>).
/// </summary>
public sealed class SharedBrowser(TestCluster cluster) : IAsyncLifetime
{
    public BrowserApp Browser { get; } = new(cluster);

    public ValueTask InitializeAsync() => Browser.InitializeAsync();

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}
