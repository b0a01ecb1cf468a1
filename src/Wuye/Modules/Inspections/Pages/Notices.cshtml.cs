using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Inspections.Pages;

internal sealed class NoticesModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public List<NoticeDto> Notices { get; private set; } = [];
    public Guid? Me => db.Scope.UserId;
    public bool CanVerify => db.Scope.IsGlobal || db.Scope.HasRole(Roles.QualityInspector) || db.Scope.HasRole(Roles.CompanyManager) || db.Scope.HasRole(Roles.ProjectManager);
    private HashSet<Guid> _managed = [];
    public bool IsProjectManager(Guid projectId) => _managed.Contains(projectId);

    public async Task OnGetAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Status)) Status = null;
        var me = db.Scope.UserId;
        _managed = [.. await db.RoleAssignments.Where(r => r.UserId == me && r.Role == Roles.ProjectManager && r.ProjectId != null).Select(r => r.ProjectId!.Value).ToListAsync(ct)];
        Notices = await NoticeViews.ListAsync(db, clock, Status, ct);
    }
}
