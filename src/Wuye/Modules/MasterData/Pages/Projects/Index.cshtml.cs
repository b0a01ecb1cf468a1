using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages.Projects;

internal sealed class IndexModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<Row> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public sealed record Row(Guid Id, string Name, ProjectKind Kind, string? Address, int Units);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Projects().AsNoTracking().Where(p => p.ArchivedAt == null);
        if (!string.IsNullOrWhiteSpace(Q))
            query = query.Where(p => p.Name.Contains(Q.Trim()) || (p.Address != null && p.Address.Contains(Q.Trim())));
        Result = await query
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new Row(p.Id, p.Name, p.Kind, p.Address, db.Units().Count(u => u.ProjectId == p.Id)))
            .ToPagedAsync(PageNumber is < 1 ? 1 : PageNumber, Paging.DefaultPageSize, ct);
    }
}
