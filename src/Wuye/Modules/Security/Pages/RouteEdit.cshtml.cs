using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.EditPatrolRoute;
using Wuye.Modules.Security.Features.ListPatrolRoutes;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 编辑巡逻路线 on a phone, for the supervisor: each checkpoint's order, window (due minute ± tolerance), position and radius, and a
/// new point at the end; a point is removed by ticking it (only when never scanned). Rounds already generated keep their plan.
/// </summary>
internal sealed class RouteEditModel(WuyeDb db, ScopeAccessor scopes, RouteReads reads, EditPatrolRouteHandler edit) : PageModel
{
    public RouteDto Route { get; private set; } = null!;
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!SecurityRoles.MaySupervise(db.Scope))
            return Forbid();
        try
        {
            Route = await reads.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>One row per point as posted (parallel lists); a row is ordered by its order number, then as listed; the last row
    /// is the new point, taken only when it has a name.</summary>
    public async Task<IActionResult> OnPostAsync(
        Guid id,
        List<Guid?> pointId,
        List<string?> name,
        List<int?> order,
        List<int?> dueMinute,
        List<int?> toleranceMinutes,
        List<double?> latitude,
        List<double?> longitude,
        List<int?> radiusMeters,
        List<Guid> remove,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        T? At<T>(List<T?> list, int i) => i < list.Count ? list[i] : default;
        var rows = Enumerable
            .Range(0, name.Count)
            .Select(i =>
                (
                    Order: At(order, i) ?? int.MaxValue,
                    Index: i,
                    Input: new EditCheckpointInput(
                        i < pointId.Count ? pointId[i] : null,
                        name[i],
                        i < dueMinute.Count ? dueMinute[i] : null,
                        i < toleranceMinutes.Count ? toleranceMinutes[i] : null,
                        i < latitude.Count ? latitude[i] : null,
                        i < longitude.Count ? longitude[i] : null,
                        i < radiusMeters.Count ? radiusMeters[i] : null
                    )
                )
            )
            .Where(r => !(r.Input.Id is { } p && remove.Contains(p)))
            .Where(r => r.Input.Id is not null || !string.IsNullOrWhiteSpace(r.Input.Name))
            .OrderBy(r => r.Order)
            .ThenBy(r => r.Index)
            .Select(r => r.Input)
            .ToList();
        var input = new EditRouteInput(rows);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            Route = await edit.EditAsync(id, input, ct);
        });
        if (Error is null)
            Done = Loc.T("路线已保存；已生成的巡逻轮次按原计划评定", "Route saved; the rounds already generated keep their plan");
        db.ChangeTracker.Clear();
        try
        {
            Route = await reads.OneAsync(id, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
