using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Staff;

// Staff's browser journeys share one browser app, one class after another (as the other modules' do: Kit/SharedApp.cs); each
// class sets the app's clock in its constructor (shared.Use) and looks only at what it made.

[CollectionDefinition(nameof(StaffBrowserCollection))]
public sealed class StaffBrowserCollection : ICollectionFixture<SharedBrowser>;
