using Microsoft.Extensions.DependencyInjection;

namespace Wuye.Tests.Kit;

/// <summary>
/// One app on one database for every test of a class (a class fixture): starting a host costs seconds of CPU (every
/// endpoint built, a database cloned), more than most API tests themselves, so no class starts one per test. The tests
/// of a class run one after another, so each may set the app's clock to its own (<see cref="Use"/>); they share the
/// database, so each test looks only at what it made (its own project, unit, user, or rows it created).
/// </summary>
public class SharedApp(TestCluster cluster) : IAsyncLifetime
{
    public WuyeApp App { get; private set; } = null!;

    /// <summary>The app's clock: the system's until a test sets its own.</summary>
    public SwitchableClock Clock { get; } = new();

    /// <summary>Settings the class's app starts with.</summary>
    protected virtual Dictionary<string, string?>? Settings => null;

    /// <summary>Services the class's app replaces before it starts.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    public async ValueTask InitializeAsync() =>
        App = new WuyeApp(cluster, await cluster.CloneAsync(), settings: Settings) { Clock = Clock, TestServices = Services };

    /// <summary>
    /// The app on <paramref name="clock"/> (a test's own <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>,
    /// or <see cref="TimeProvider.System"/>) for the test about to run; tokens signed at another test's time are dropped.
    /// Call it from the test class's constructor, which runs before each test.
    /// </summary>
    public WuyeApp Use(TimeProvider clock)
    {
        Clock.Target = clock;
        App.ForgetTokens();
        return App;
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// A clock that reads another, which a shared app's tests replace one after another (each starts its own fake clock at
/// the moment it needs and moves it forward).
/// </summary>
public sealed class SwitchableClock : TimeProvider
{
    private volatile TimeProvider _target = System;

    public TimeProvider Target
    {
        get => _target;
        set => _target = value;
    }

    public override DateTimeOffset GetUtcNow() => _target.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => _target.LocalTimeZone;

    public override long TimestampFrequency => _target.TimestampFrequency;

    public override long GetTimestamp() => _target.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _target.CreateTimer(callback, state, dueTime, period);
}

/// <summary>
/// One Kestrel-served app for every browser test of a class; each test closes its own pages
/// (<see cref="BrowserApp.CloseContextsAsync"/>) and may set the app's clock to its own (<see cref="Use"/>).
/// </summary>
public sealed class SharedBrowser(TestCluster cluster) : IAsyncLifetime
{
    public SwitchableClock Clock { get; } = new();

    public BrowserApp Browser => _browser ??= new(cluster, Clock);
    private BrowserApp? _browser;

    public ValueTask InitializeAsync() => Browser.InitializeAsync();

    /// <summary>The browser app on <paramref name="clock"/> for the test about to run (call it from the constructor).</summary>
    public BrowserApp Use(TimeProvider clock)
    {
        Clock.Target = clock;
        _browser?.App?.ForgetTokens();
        return Browser;
    }

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}

// A module's API test classes share one app, and its browser test classes one browser app, one class after another (a
// collection runs its classes in turn; collections run in parallel): every host costs seconds of CPU to start (each of the
// app's ~450 endpoints compiled, a database cloned) and more to collect, and a suite of ~145 hosts spent a third of its CPU
// on them. Each class sets the app's clock to its own, looks only at what it made, and puts back what it changes. A class
// whose tests need a pristine database (the demo data's own figures) or other settings keeps an app of its own.

[CollectionDefinition(nameof(ComplaintsApiCollection))]
public sealed class ComplaintsApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(CustomerCareApiCollection))]
public sealed class CustomerCareApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(EmergenciesApiCollection))]
public sealed class EmergenciesApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(FacilitiesApiCollection))]
public sealed class FacilitiesApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(FeesApiCollection))]
public sealed class FeesApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(GateApiCollection))]
public sealed class GateApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(InspectionsApiCollection))]
public sealed class InspectionsApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(MasterDataApiCollection))]
public sealed class MasterDataApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(RegulationApiCollection))]
public sealed class RegulationApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(SecurityApiCollection))]
public sealed class SecurityApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(StaffApiCollection))]
public sealed class StaffApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(WorkOrdersApiCollection))]
public sealed class WorkOrdersApiCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(RegulationJobsCollection))]
public sealed class RegulationJobsCollection : ICollectionFixture<SharedApp>;

[CollectionDefinition(nameof(ComplaintsBrowserCollection))]
public sealed class ComplaintsBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(CustomerCareBrowserCollection))]
public sealed class CustomerCareBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(FacilitiesBrowserCollection))]
public sealed class FacilitiesBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(FeesBrowserCollection))]
public sealed class FeesBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(InspectionsBrowserCollection))]
public sealed class InspectionsBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(MasterDataBrowserCollection))]
public sealed class MasterDataBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(SecurityBrowserCollection))]
public sealed class SecurityBrowserCollection : ICollectionFixture<SharedBrowser>;

[CollectionDefinition(nameof(WorkOrdersBrowserCollection))]
public sealed class WorkOrdersBrowserCollection : ICollectionFixture<SharedBrowser>;
