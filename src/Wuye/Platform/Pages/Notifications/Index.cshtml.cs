using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Notifications;

namespace Wuye.Platform.Pages.Notifications;

/// <summary>The notification centre: my notifications, newest first; the bell in the layout loads the unread count from here.</summary>
public sealed class IndexModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public List<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Set<Notification>().AsNoTracking().OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);

    public async Task<IActionResult> OnGetCountAsync(CancellationToken ct)
    {
        var n = await db.Set<Notification>().CountAsync(x => x.ReadAt == null, ct);
        return Content(n == 0 ? "" : $"<span class=\"badge bg-red text-white\" data-testid=\"unread\">{n}</span>", "text/html");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await db.Set<Notification>()
            .Where(x => x.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ReadAt, clock.GetUtcNow()), ct);
        return RedirectToPage();
    }
}
