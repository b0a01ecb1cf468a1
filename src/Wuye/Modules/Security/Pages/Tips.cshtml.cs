using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.SafetyTips;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 安全提示: for the guard, the tips pushed to them today with a button to confirm each; for the monitoring center and the supervisor,
/// the library with its schedules (add a tip, schedule it to a post by time slot) and the day's pushes with who confirmed them.
/// </summary>
internal sealed class TipsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, SafetyTipHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }
    public DateOnly Day { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public List<SafetyTipDelivery> Deliveries { get; private set; } = [];
    public List<SafetyTipDelivery> Mine { get; private set; } = [];
    public List<SafetyTipDto> Library { get; private set; } = [];
    public List<(Guid Id, Guid ProjectId, string Name)> Posts { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool Editor => SecurityRoles.MayEditTips(db.Scope);
    public bool Guard => SecurityRoles.MayScan(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Day = Date ?? ChinaTime.Today(clock);
        Now = clock.GetUtcNow();
        Deliveries = await handler.Deliveries(Day, null).Take(500).ToListAsync(ct);
        var me = db.Scope.UserId;
        Mine = Guard ? [.. Deliveries.Where(d => d.GuardUserId == me).OrderBy(d => d.AcknowledgedAt != null).ThenBy(d => d.SlotFrom)] : [];
        if (!Editor)
            return;
        Library = await handler.LibraryAsync(null, ct);
        Posts =
        [
            .. (
                await db.Set<SecurityPost>()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .ThenBy(p => p.Id)
                    .Take(300)
                    .Select(p => new
                    {
                        p.Id,
                        p.ProjectId,
                        p.Name,
                    })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.ProjectId, p.Name)),
        ];
        var ids = Posts.Select(p => p.ProjectId).Distinct().ToList();
        Projects =
        [
            .. (
                await db.ProjectRefs()
                    .AsNoTracking()
                    .Where(p => ids.Contains(p.Id))
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> AfterAsync(string? error, string done, CancellationToken ct)
    {
        Error = error;
        Done = error is null ? done : null;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAckAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Guards))
            return Forbid();
        var error = await PageActions.TryAsync(ModelState, () => handler.AcknowledgeAsync(id, ct));
        return await AfterAsync(error, Loc.T("已确认", "Acknowledged"), ct);
    }

    public async Task<IActionResult> OnPostAddAsync(Guid? projectId, string? title, string? body, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.TipEditors))
            return Forbid();
        var input = new SafetyTipInput(projectId, title, body);
        var error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await handler.CreateAsync(input, ct);
        });
        return await AfterAsync(error, Loc.T("已加入提示库", "Added to the library"), ct);
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid tipId, Guid? securityPostId, string? slot, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.TipEditors))
            return Forbid();
        var input = new TipScheduleInput(securityPostId, slot);
        var error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await handler.ScheduleAsync(tipId, input, ct);
        });
        return await AfterAsync(error, Loc.T("已安排推送", "Scheduled"), ct);
    }

    public async Task<IActionResult> OnPostArchiveAsync(Guid tipId, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.TipEditors))
            return Forbid();
        var error = await PageActions.TryAsync(ModelState, () => handler.ArchiveAsync(tipId, ct));
        return await AfterAsync(error, Loc.T("已移出提示库", "Taken out of the library"), ct);
    }

    public static (string Badge, string Text) StateOf(SafetyTipDelivery d, DateTimeOffset now) =>
        SafetyTipHandler.State(d, now) switch
        {
            "acknowledged" => ("bg-green-lt", Loc.T("已确认", "Acknowledged")),
            "open" => ("bg-blue-lt", Loc.T("待确认", "Waiting")),
            _ => ("bg-red-lt", Loc.T("未确认", "Not acknowledged")),
        };
}
