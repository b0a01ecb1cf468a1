using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Inspections.Features;

namespace Wuye.Modules.Inspections.Pages;

public sealed class ViewModel(InspectionService inspections) : PageModel
{
    public InspectionDto? Inspection { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Inspection = await inspections.LoadAsync(id, ct);
        return Inspection is null ? NotFound() : Page();
    }
}
