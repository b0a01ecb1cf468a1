using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;

namespace Wuye.Platform.Pages.History;

/// <summary>An htmx fragment: the change history of one record, within the user's scope.</summary>
public sealed class IndexModel(WuyeDb db) : PageModel
{
    public List<ChangeLog> Rows { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct) =>
        Rows = await ChangeLogEndpoints.History(db, id, null).Take(50).ToListAsync(ct);
}
