using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.WorkOrders.Features.GetServiceRequest;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>One request: where it stands, each job with its clocks, and the full timeline.</summary>
internal sealed class RequestModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public ServiceRequestDetail Detail { get; private set; } = null!;

    /// <summary>Materials and labour charged, by work order.</summary>
    public ILookup<Guid, Domain.WorkOrderCharge> Charges { get; private set; } =
        Array.Empty<Domain.WorkOrderCharge>().ToLookup(c => c.WorkOrderId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var d = await ServiceRequestDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (d is null)
            return NotFound();
        Detail = d;
        var orderIds = d.WorkOrders.Select(w => w.Id).ToList();
        Charges = (
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<Domain.WorkOrderCharge>().Where(c => orderIds.Contains(c.WorkOrderId)).OrderBy(c => c.Name),
                ct
            )
        ).ToLookup(c => c.WorkOrderId);
        return Page();
    }
}
