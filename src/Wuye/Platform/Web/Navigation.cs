using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Web;

/// <summary>One entry of the main menu as one user sees it.</summary>
public sealed record NavLink(string Title, string Href, string? TestId = null);

/// <summary>
/// A menu entry a module adds (services.AddSingleton(new NavItem(…))): <see cref="For"/> answers the
/// link for a user's scope, or null when none of their roles may open the page behind it, so no
/// menu item ever leads to a 403. Entries are shown in <see cref="Order"/>.
/// </summary>
public sealed record NavItem(int Order, Func<DataScope, NavLink?> For);
