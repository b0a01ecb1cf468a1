using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.MasterData.Pages;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>The list of any kind of master record: search, project filter, archived, paging, export as filtered.</summary>
internal sealed class RecordsModel(WuyeDb db) : PageModel
{
    public RecordKind Kind { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Archived { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<JsonElement> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public List<Option> Projects { get; private set; } = [];
    public bool FiltersByProject => Kind.Parent == ParentLevel.Project;
    public bool MayCreate => Kind.MayCreate(db.Scope);

    public string Query(int? page = null) =>
        $"projectId={ProjectId}&q={Uri.EscapeDataString(Q ?? "")}&archived={Archived.ToString().ToLowerInvariant()}"
        + (page is null ? "" : $"&page={page}");

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (RecordKinds.Find(kind) is not { } k)
            return NotFound();
        Kind = k;
        if (FiltersByProject)
            Projects = await RecordKinds.ProjectOptions(db, new(null, null), ct);
        else
            ProjectId = null;
        Result = await k.List(db, new RecordFilter(ProjectId, Q, Archived), Math.Clamp(PageNumber ?? 1, 1, Paging.MaxPage), ct);
        return Page();
    }
}
