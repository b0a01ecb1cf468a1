using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class NoticesModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Only the notices that are mine to act on (the to-do list's and the notifications' links).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }
    public List<NoticeDto> Notices { get; private set; } = [];
    public Guid? Me => db.Scope.UserId;

    /// <summary>Today in China: the second verification is offered from its date on (seed 004: 按时进行验证).</summary>
    public DateOnly Today { get; private set; }
    public bool CanVerify => db.Scope.IsGlobal || InspectionRoles.Verifiers.Any(db.Scope.HasRole);
    private HashSet<Guid> _managed = [];

    public bool IsProjectManager(Guid projectId) => _managed.Contains(projectId);

    public async Task<IActionResult> OnGetAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        if (!InspectionRoles.MayOpenNotices(db.Scope))
            return Forbid();
        if (string.IsNullOrEmpty(Status))
            Status = null;
        Today = Wuye.Platform.Web.ChinaTime.Today(clock);
        var me = db.Scope.UserId;
        _managed =
        [
            .. await db
                .RoleAssignments.Where(r => r.UserId == me && r.Role == Roles.ProjectManager && r.ProjectId != null)
                .Select(r => r.ProjectId!.Value)
                .ToListAsync(ct),
        ];
        Notices = await NoticeViews.ListAsync(db, clock, Status, ct, Mine ? me : null, _managed);
        return Page();
    }
}
