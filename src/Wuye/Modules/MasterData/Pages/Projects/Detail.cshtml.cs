using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Pages.Projects;

internal sealed class DetailModel(WuyeDb db) : PageModel
{
    public Project Project { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public List<ZoneRow> Zones { get; private set; } = [];

    public sealed record ZoneRow(Guid Id, string Name, string? Steward, int Buildings, int Units);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var project = await db.Projects().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
            return NotFound();
        Project = project;
        CompanyName = await db.Companies().Where(c => c.Id == project.CompanyId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        Zones = await db.Zones()
            .AsNoTracking()
            .Where(z => z.ProjectId == id)
            .OrderBy(z => z.Name)
            .Select(z => new ZoneRow(
                z.Id,
                z.Name,
                db.Users.Where(u => u.Id == z.StewardUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Buildings().Count(b => b.ZoneId == z.Id),
                db.Units().Count(u => u.ZoneId == z.Id)
            ))
            .ToListAsync(ct);
        return Page();
    }
}
