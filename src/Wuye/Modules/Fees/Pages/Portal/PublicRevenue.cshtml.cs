using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.PublicRevenue;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Fees.Pages.Portal;

/// <summary>
/// 公共收益公示 for owners and the owners' committee: the published statements of their projects, newest first; <c>?id=</c> opens
/// one version (its figures, by category, and the ledger entries it counted; a superseded one points to the version that
/// corrected it) and leaves the reader's receipt.
/// </summary>
internal sealed class PublicRevenueModel(ScopeAccessor scopes, RevenueReads reads, RevenueStatementsHandler statements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public List<StatementDto> Statements { get; private set; } = [];
    public StatementDto? Open { get; private set; }
    public List<RevenueEntry> Entries { get; private set; } = [];

    /// <summary>The current version of the open statement's half year, when the open one is superseded.</summary>
    public StatementDto? Latest { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(RevenueRoles.OwnerReaders))
            return Forbid();
        var visible = await reads.VisibleAsync(ct);
        if (Id is not { } id)
        {
            Statements = await reads.DtosAsync(visible, ct);
            return Page();
        }
        var s = await visible.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
            return NotFound();
        await statements.ReadAsync(id, ct);
        Open = (await reads.DtosAsync(visible.Where(x => x.Id == id), ct))[0];
        Entries = await reads.EntriesOfAsync(s, ct);
        if (s.Status == StatementStatus.Superseded)
            Latest = (
                await reads.DtosAsync(
                    visible.Where(x =>
                        x.ProjectId == s.ProjectId && x.Year == s.Year && x.Half == s.Half && x.Status == StatementStatus.Published
                    ),
                    ct
                )
            ).FirstOrDefault();
        return Page();
    }
}
