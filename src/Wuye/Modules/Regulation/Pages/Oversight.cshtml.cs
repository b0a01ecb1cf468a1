using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Regulation.Features.CommitteeOversight;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>业委会监督: the owners' committee reads the regulator's work at its projects.</summary>
internal sealed class OversightModel(ScopeAccessor access, CommitteeOversightReads reads) : PageModel
{
    public List<OversightProject> Projects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!access.Scope.Roles.Contains(Roles.OwnersCommittee))
            return Forbid();
        Projects = await reads.ForCallerAsync(ct);
        return Page();
    }
}
