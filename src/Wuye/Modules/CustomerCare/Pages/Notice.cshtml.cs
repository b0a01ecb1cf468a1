using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.ReadNotice;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.CustomerCare.Pages;

/// <summary>
/// One notice (staff at /care/notices/{id}, owners at /portal/notices/{id}): opening it leaves the reader's receipt; its
/// publishers also see who read it.
/// </summary>
internal sealed class NoticeModel(WuyeDb db, ScopeAccessor scopes, NoticeReader reader, ReadNoticeHandler read) : PageModel
{
    public NoticeDto? Notice { get; private set; }
    public List<NoticeReadDto> Reads { get; private set; } = [];
    public bool Portal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Portal = Request.Path.StartsWithSegments("/portal");
        if (!(Portal ? scopes.ActAs(Roles.Owner) : scopes.ActAs(CareRoles.StaffReaders)))
            return Forbid();
        Notice = await reader.ToDtos((await reader.VisibleAsync(ct)).Where(n => n.Id == id)).FirstOrDefaultAsync(ct);
        if (Notice is null)
            return NotFound();
        if (Notice.Status == NoticeStatus.Published)
            await read.HandleAsync(id, ct);
        if (!Portal && CareRoles.MayPublish(db.Scope))
        {
            var rows = await db.Set<NoticeRead>()
                .AsNoTracking()
                .Where(r => r.NoticeId == id)
                .OrderBy(r => r.ReadAt)
                .Take(200)
                .ToListAsync(ct);
            var ids = rows.Select(r => r.UserId).ToList();
            var names = await db
                .Users.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName })
                .ToDictionaryAsync(u => u.Id, u => u.Name ?? "", ct);
            Reads = [.. rows.Select(r => new NoticeReadDto(r.UserId, names.GetValueOrDefault(r.UserId, ""), r.ReadAt))];
        }
        return Page();
    }
}
