using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.DispatchWorkOrder;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>The customer-service dispatch board: every open job, most urgent first, refreshed live by htmx.</summary>
internal sealed class BoardModel(
    WuyeDb db,
    DispatchWorkOrderHandler dispatch,
    Notifier notifier,
    TimeProvider clock,
    Wuye.Platform.Tenancy.ScopeAccessor scopes,
    Wuye.Modules.Staff.Contracts.IDutyRoster roster
) : PageModel
{
    public List<WorkOrderDto> Jobs { get; private set; } = [];
    public Dictionary<Guid, List<(Guid Id, string Name, int Load)>> Technicians { get; } = [];

    /// <summary>The technicians the staff module's duty roster has on a shift now (marked 在班 in the choices).</summary>
    public HashSet<Guid> OnDuty { get; } = [];

    /// <summary>Technicians barred from a project's jobs of a category (a lapsed certificate, <see cref="CertifiedWork"/>).</summary>
    private readonly Dictionary<(Guid Project, RequestCategory Category), HashSet<Guid>> _barred = [];

    /// <summary>Whether the job may be offered to the technician.</summary>
    public bool MayTake(WorkOrderDto job, Guid tech) => !_barred.TryGetValue((job.ProjectId, job.Category), out var b) || !b.Contains(tech);

    public DateTimeOffset Now { get; private set; }

    /// <summary>What the owner sent and asked for, by request: photos and the visit slot.</summary>
    public Dictionary<Guid, (Guid[] Photos, DateTimeOffset? VisitFrom, DateTimeOffset? VisitTo)> Requests { get; private set; } = [];
    public string? Error { get; private set; }

    public bool CanSetUp =>
        db.Scope.IsGlobal
        || db.Scope.Roles.Any(r => r is Wuye.Platform.Identity.Roles.ProjectManager or Wuye.Platform.Identity.Roles.CompanyManager);

    /// <summary>Also narrows the request's writes to where the user holds these roles.</summary>
    private bool Allowed => scopes.ActAs(WorkOrderRoles.Dispatchers);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDispatchAsync(Guid id, Guid? technicianId, bool? auto, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            dispatch.HandleAsync(id, auto == true ? new DispatchInput(null, null, true) : new DispatchInput(technicianId, null), ct)
        );
        if (Error is null)
            return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        var open = WorkOrder.OpenStatuses;
        Jobs = await WorkOrderQueries
            .Orders(
                db,
                db.Set<WorkOrder>()
                    .AsNoTracking()
                    .Where(w => open.Contains(w.Status))
                    .OrderBy(w => w.Status == WorkOrderStatus.New ? 0 : 1)
                    .ThenBy(w => w.CompletionDueAt ?? w.ClockStartedAt)
            )
            .Take(200)
            .ToListAsync(ct);
        var requestIds = Jobs.Select(j => j.ServiceRequestId).Distinct().ToList();
        Requests = (
            await db.Set<ServiceRequest>()
                .AsNoTracking()
                .Where(r => requestIds.Contains(r.Id))
                .Select(r => new
                {
                    r.Id,
                    r.PhotoIds,
                    r.VisitFrom,
                    r.VisitTo,
                })
                .ToListAsync(ct)
        ).ToDictionary(r => r.Id, r => (r.PhotoIds, r.VisitFrom, r.VisitTo));
        var load = await db.Set<WorkOrder>()
            .AsNoTracking()
            .Where(w => w.AssigneeUserId != null && open.Contains(w.Status))
            .GroupBy(w => w.AssigneeUserId!.Value)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        foreach (var p in Jobs.Select(j => j.ProjectId).Distinct())
        {
            var company = await db.ProjectRefs().Where(x => x.Id == p).Select(x => x.CompanyId).FirstAsync(ct);
            var ids = await notifier.UsersWithRoleAsync(Roles.Technician, company, p, ct);
            Technicians[p] =
            [
                .. (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
                    .Select(u => (u.Id, u.DisplayName, load.GetValueOrDefault(u.Id)))
                    .OrderBy(t => t.Item3),
            ];
            foreach (var d in await roster.OnDutyAsync(p, clock.GetUtcNow(), ct))
                if (d.UserId is { } u)
                    OnDuty.Add(u);
            foreach (var category in Jobs.Where(j => j.ProjectId == p).Select(j => j.Category).Distinct())
                _barred[(p, category)] = await CertifiedWork.BarredAsync(db, clock, category, company, ids, ct);
        }
    }
}
