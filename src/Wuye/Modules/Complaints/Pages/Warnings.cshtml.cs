using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.ComplaintWarnings;
using Wuye.Platform.Database;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>The early warnings as a fragment, loaded into the managers' home pages.</summary>
internal sealed class WarningsModel(WuyeDb db, ComplaintWarningsHandler metrics) : PageModel
{
    public List<ComplaintWarning> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!db.Scope.IsGlobal && !ComplaintRoles.MetricsReaders.Any(db.Scope.Roles.Contains))
            return new EmptyResult();
        Warnings = await metrics.WarningsAsync(null, ct);
        return Page();
    }
}
