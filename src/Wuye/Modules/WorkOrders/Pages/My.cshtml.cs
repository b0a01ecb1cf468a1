using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.AcceptWorkOrder;
using Wuye.Modules.WorkOrders.Features.ArriveOnSite;
using Wuye.Modules.WorkOrders.Features.CompleteWorkOrder;
using Wuye.Modules.WorkOrders.Features.DeclineWorkOrder;
using Wuye.Modules.WorkOrders.Features.PauseWorkOrder;
using Wuye.Modules.WorkOrders.Features.PriceItems;
using Wuye.Modules.WorkOrders.Features.ResumeWorkOrder;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>A technician's jobs on a phone: the ones dispatched to me and the ones offered to all; accept, arrive, pause, finish.</summary>
internal sealed class MyModel(
    WuyeDb db,
    AcceptWorkOrderHandler accept,
    DeclineWorkOrderHandler decline,
    ArriveOnSiteHandler arrive,
    PauseWorkOrderHandler pause,
    ResumeWorkOrderHandler resume,
    CompleteWorkOrderHandler complete,
    FileStore files,
    Wuye.Platform.Tenancy.ScopeAccessor scopes
) : PageModel
{
    public List<WorkOrderDto> Jobs { get; private set; } = [];
    public List<PriceItemDto> Prices { get; private set; } = [];

    /// <summary>?done=true: the jobs I finished (completed or closed), newest first.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Done { get; set; }
    public string? Error { get; private set; }

    /// <summary>Also narrows the request's writes to where the user holds these roles.</summary>
    private bool Allowed => scopes.ActAs(Roles.Technician);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) => Run(() => accept.HandleAsync(id, ct), ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, string? reason, CancellationToken ct) =>
        Run(() => decline.HandleAsync(id, Wuye.Platform.Web.Validator.Check(new ReasonInput(reason)), ct), ct);

    public Task<IActionResult> OnPostArriveAsync(Guid id, CancellationToken ct) => Run(() => arrive.HandleAsync(id, ct), ct);

    public Task<IActionResult> OnPostPauseAsync(Guid id, PauseKind? kind, string? reason, CancellationToken ct) =>
        Run(() => pause.HandleAsync(id, Wuye.Platform.Web.Validator.Check(new PauseInput(kind, reason)), ct), ct);

    public Task<IActionResult> OnPostResumeAsync(Guid id, CancellationToken ct) => Run(() => resume.HandleAsync(id, ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(
        Guid id,
        string? workDone,
        string? ownerConfirmedBy,
        string? anythingElse,
        List<IFormFile>? before,
        List<IFormFile>? after,
        Guid? priceItemId,
        decimal? quantity,
        Guid? priceItemId2,
        decimal? quantity2,
        CancellationToken ct
    ) =>
        Run(
            async () =>
            {
                var project = await db.Set<WorkOrder>().Where(w => w.Id == id).Select(w => (Guid?)w.ProjectId).FirstOrDefaultAsync(ct);
                var charges = new List<ChargeInput>();
                if (priceItemId is { } p1 && quantity is > 0)
                    charges.Add(new ChargeInput(p1, quantity.Value));
                if (priceItemId2 is { } p2 && quantity2 is > 0)
                    charges.Add(new ChargeInput(p2, quantity2.Value));
                // Check the form before storing photos, so a refused finish leaves no files behind.
                Wuye.Platform.Web.Validator.Check(
                    new CompleteInput(
                        workDone,
                        [],
                        (after?.Count ?? 0) > 0 ? [Guid.Empty] : [],
                        ownerConfirmedBy,
                        anythingElse,
                        [.. charges]
                    )
                );
                var beforeIds = await PageActions.SavePhotosAsync(files, before, project, null, ct);
                var afterIds = await PageActions.SavePhotosAsync(files, after, project, null, ct);
                await PageActions.WithPhotosAsync(files, [.. beforeIds, .. afterIds], () =>
                    complete.HandleAsync(
                        id,
                        Wuye.Platform.Web.Validator.Check(
                            new CompleteInput(workDone, beforeIds, afterIds, ownerConfirmedBy, anythingElse, [.. charges])
                        ),
                        ct
                    )
                );
            },
            ct
        );

    private async Task<IActionResult> Run(Func<Task> action, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = db.Scope.UserId;
        if (Done)
        {
            Jobs = await WorkOrderQueries
                .Orders(
                    db,
                    db.Set<WorkOrder>()
                        .AsNoTracking()
                        .Where(w => w.AssigneeUserId == me && w.CompletedAt != null)
                        .OrderByDescending(w => w.CompletedAt)
                )
                .Take(100)
                .ToListAsync(ct);
            return;
        }
        var active = new[] { WorkOrderStatus.Dispatched, WorkOrderStatus.Accepted, WorkOrderStatus.OnSite, WorkOrderStatus.Paused };
        Jobs = await WorkOrderQueries
            .Orders(
                db,
                db.Set<WorkOrder>()
                    .AsNoTracking()
                    .Where(w =>
                        active.Contains(w.Status)
                        && (w.AssigneeUserId == me || (w.AssigneeUserId == null && w.Status == WorkOrderStatus.Dispatched))
                    )
                    .OrderBy(w => w.CompletionDueAt ?? w.ClockStartedAt)
            )
            .Take(100)
            .ToListAsync(ct);
        Prices = await PriceItemsEndpoint.List(db.Set<PriceItem>().AsNoTracking()).ToListAsync(ct);
    }
}
