using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Home;

/// <summary>
/// The home page of each role: what waits for the user (every module's <see cref="IHomeTaskSource"/>),
/// then each module's panel (<see cref="IHomePanelSource"/>). Every figure comes from the records the
/// user may see: the query filters scope them, so a steward's counts are their zone's.
/// </summary>
public sealed class RoleModel(ScopeAccessor accessor, IEnumerable<IHomeTaskSource> taskSources, IEnumerable<IHomePanelSource> panelSources)
    : PageModel
{
    public Roles.Info? Role { get; private set; }
    public DataScope Scope => accessor.Scope;

    /// <summary>What waits for the user in this role, from every module.</summary>
    public List<HomeTask> Tasks { get; private set; } = [];
    public List<HomePanel> Panels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        Role = Roles.All.FirstOrDefault(r => r.Home == "/home/" + slug);
        if (slug == "none")
            return Page();
        if (Role is null)
            return NotFound();
        if (!Scope.IsGlobal && !Scope.Roles.Contains(Role.Code))
            return LocalRedirect(HomePages.For(Scope));
        foreach (var source in taskSources)
            Tasks.AddRange(await source.TasksAsync(Scope, Role.Code, ct));
        foreach (var source in panelSources)
            if (await source.PanelAsync(Scope, Role.Code, ct) is { } panel)
                Panels.Add(panel);
        Panels = [.. Panels.OrderBy(p => p.Order)];
        return Page();
    }
}
