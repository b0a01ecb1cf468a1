using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Pages.Portal;

/// <summary>小区公告: the notices up now for an owner's homes, pinned first, unread marked.</summary>
internal sealed class NoticesModel(ScopeAccessor scopes, NoticeReader reader) : PageModel
{
    public List<NoticeDto> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        var q = await reader.VisibleAsync(ct);
        Notices = await reader
            .ToDtos(q.OrderByDescending(n => n.Pinned).ThenByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id))
            .Take(100)
            .ToListAsync(ct);
        return Page();
    }
}
