using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Inspections.Features.Shared;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class ViewModel(Wuye.Platform.Database.WuyeDb db) : PageModel
{
    public InspectionDto? Inspection { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Inspection = await InspectionViews.LoadAsync(db, id, ct);
        return Inspection is null ? NotFound() : Page();
    }
}
