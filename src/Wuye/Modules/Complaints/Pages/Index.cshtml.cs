using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>投诉台账: the complaints the user may see, filtered, newest first.</summary>
internal sealed class IndexModel(WuyeDb db, TimeProvider clock) : PageModel
{
    public Paged<ComplaintDto> Result { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public ComplaintStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public ComplaintCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        Now = clock.GetUtcNow();
        var q = db.Set<Complaint>().AsNoTracking();
        if (Status is { } s)
            q = q.Where(c => c.Status == s);
        if (Category is { } cat)
            q = q.Where(c => c.Category == cat);
        var now = Now;
        if (Overdue)
            q = q.Where(c => c.Status == ComplaintStatus.Open && c.ReplyDueAt < now);
        if (Mine)
        {
            var me = db.Scope.UserId;
            q = q.Where(c => c.OwnerStaffId == me);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var t = Q.Trim();
            q = q.Where(c => c.Number.Contains(t) || c.Description.Contains(t) || c.ComplainantName.Contains(t));
        }
        Result = await ComplaintQueries
            .Complaints(db, q.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id), now)
            .ToPagedAsync(Math.Clamp(PageNo, 1, Paging.MaxPage), 30, ct);
        return Page();
    }
}
