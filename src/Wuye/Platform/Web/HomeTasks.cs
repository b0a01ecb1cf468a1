using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Web;

/// <summary>One line of "what is waiting for me" on a role's home page: a count from the records and where to act on it.</summary>
public sealed record HomeTask(string Title, int Count, string Url, bool Urgent = false);

/// <summary>
/// A module's contribution to the role home pages. Counts go through the scoped DbSets, so a
/// steward's are their zone's and a technician's their own jobs.
/// </summary>
public interface IHomeTaskSource
{
    Task<IReadOnlyList<HomeTask>> TasksAsync(DataScope scope, string role, CancellationToken ct);
}

/// <summary>A block of a role's home page under the to-do list, drawn by a module's partial view with its model.</summary>
public sealed record HomePanel(int Order, string Partial, object Model);

/// <summary>A module's panels on the role home pages (figures of the records the user may see); null when it has nothing for this
/// role.</summary>
public interface IHomePanelSource
{
    Task<HomePanel?> PanelAsync(DataScope scope, string role, CancellationToken ct);
}
