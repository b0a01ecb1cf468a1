using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.WorkOrders.Features.GetServiceRequest;
using Wuye.Platform.Database;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>One request: where it stands, each job with its clocks, and the full timeline.</summary>
internal sealed class RequestModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public ServiceRequestDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var d = await ServiceRequestDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (d is null) return NotFound();
        Detail = d;
        return Page();
    }
}
