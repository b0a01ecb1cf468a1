using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Features.Units;
using Wuye.Platform.Database;
using Wuye.Platform.Web;
using UnitList = Wuye.Modules.MasterData.Features.Units.Units;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>Units with search, filters and paging; the export links carry the same filters.</summary>
internal sealed class UnitsModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? BuildingId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<UnitDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public List<(Guid Id, string Name)> Buildings { get; private set; } = [];

    public string Query(int? page = null) =>
        $"projectId={ProjectId}&buildingId={BuildingId}&q={Uri.EscapeDataString(Q ?? "")}&archived={Archived.ToString().ToLowerInvariant()}"
        + (page is null ? "" : $"&page={page}");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Projects =
        [
            .. (
                await db.Projects()
                    .AsNoTracking()
                    .Where(p => p.ArchivedAt == null)
                    .OrderBy(p => p.Name)
                    .Select(p => new { p.Id, p.Name })
                    .ToListAsync(ct)
            ).Select(p => (p.Id, p.Name)),
        ];
        if (ProjectId is { } pid)
            Buildings =
            [
                .. (
                    await db.Buildings()
                        .AsNoTracking()
                        .Where(b => b.ProjectId == pid && b.ArchivedAt == null)
                        .OrderBy(b => b.Name)
                        .Select(b => new { b.Id, b.Name })
                        .ToListAsync(ct)
                ).Select(b => (b.Id, b.Name)),
            ];
        else
            BuildingId = null;
        Result = await UnitList
            .Dto(db, UnitList.Filter(db, ProjectId, BuildingId, null, Q, Archived))
            .ToPagedAsync(PageNumber is < 1 ? 1 : PageNumber, Paging.DefaultPageSize, ct);
    }
}
