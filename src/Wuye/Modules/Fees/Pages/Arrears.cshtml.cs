using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.ListArrears;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Pages;

/// <summary>欠费账龄: who owes what past due on a day, aged 0–30 … over 365 days, largest first, with the late fee to that day.</summary>
internal sealed class ArrearsModel(WuyeDb db, ScopeAccessor scopes, ListArrearsHandler arrears) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? AsOf { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public ArrearsResult Result { get; private set; } = null!;
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public bool MayCollect { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(FeeRoles.Readers))
            return Forbid();
        MayCollect = FeeRoles.MayCollect(db.Scope);
        Projects = await FeePages.ProjectsAsync(db, ct);
        Error = await PageActions.TryAsync(ModelState, async () =>
            Result = await arrears.HandleAsync(ProjectId, null, AsOf, Math.Clamp(PageNo, 1, Paging.MaxPage), 30, ct)
        );
        Result ??= await arrears.HandleAsync(ProjectId, null, null, 1, 30, ct);
        return Page();
    }
}
