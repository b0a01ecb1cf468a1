using Wuye.Modules.MasterData.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Features;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>One complaint: where it stands, its timeline, linked work, suggested reply scripts and every action.</summary>
public sealed class DetailModel(WuyeDb db, IServiceRequests serviceRequests, ComplaintService svc, Notifier notifier, TimeProvider clock, ComplaintDepartments departments) : PageModel
{
    public ComplaintDetail Detail { get; private set; } = null!;
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string> DepartmentNames { get; private set; } = [];
    public bool IsManager => ComplaintPages.IsManager(db.Scope);
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPostponeAsync(Guid id, DateTime? replyDueAt, string? reason, int? workingDays, CancellationToken ct) =>
        RunAsync(id, new PostponeInput(ComplaintPages.FromInput(replyDueAt), reason, replyDueAt is null ? workingDays : null), b => svc.PostponeAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostEscalateAsync(Guid id, string? reason, CancellationToken ct) =>
        RunAsync(id, new NoteInput(reason), b => svc.EscalateAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostReassignAsync(Guid id, Guid? ownerStaffId, string? reason, CancellationToken ct) =>
        RunAsync(id, new ReassignInput(ownerStaffId, reason), b => svc.ReassignAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostFollowUpAsync(Guid id, string? rootCause, string? nextStep, CancellationToken ct) =>
        RunAsync(id, new FollowUpInput(rootCause, nextStep), b => svc.FollowUpAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostCloseAsync(Guid id, string? resolution, CancellationToken ct) =>
        RunAsync(id, new CloseInput(resolution), b => svc.CloseAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostVisitAsync(Guid id, bool? satisfied, string? comment, CancellationToken ct) =>
        RunAsync(id, new ComplaintVisitInput(satisfied, comment), b => svc.VisitAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reason, CancellationToken ct) =>
        RunAsync(id, new ReopenInput(reason), b => svc.ReopenAsync(id, b, ct), ct);
    public Task<IActionResult> OnPostWorkOrderAsync(Guid id, RequestCategory? category, string? description, CancellationToken ct) =>
        RunAsync(id, new LinkedRequestInput(category, description), b => svc.CreateLinkedRequestAsync(id, b, ct), ct);

    private async Task<IActionResult> RunAsync<T>(Guid id, T input, Func<T, Task> action, CancellationToken ct) where T : IValidatable
    {
        if (!ComplaintPages.IsStaff(db.Scope)) return Forbid();
        try
        {
            Error = await PageActions.TryAsync(ModelState, async () =>
            {
                Wuye.Platform.Web.Validator.Check(input);
                await action(input);
            });
        }
        catch (ForbiddenException f) { Error = f.Text.ToString(); }
        if (Error is null) return Redirect($"/complaints/{id}");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope)) return false;
        var d = await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct);
        if (d is null) return false;
        Detail = d;
        var companyId = await db.ProjectRefs().Where(p => p.Id == d.Complaint.ProjectId).Select(p => p.CompanyId).FirstAsync(ct);
        DepartmentNames = await departments.NamesAsync([companyId], ct);
        if (IsManager)
        {
            var company = companyId;
            var ids = new List<Guid>();
            foreach (var role in new[] { Roles.CustomerService, Roles.ProjectManager, Roles.Steward, Roles.Technician, Roles.SecurityGuard, Roles.CompanyManager })
                ids.AddRange(await notifier.UsersWithRoleAsync(role, company, d.Complaint.ProjectId, ct));
            Staff = [.. (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName ?? "" }).ToListAsync(ct))
                .OrderBy(u => u.Name).Select(u => (u.Id, u.Name))];
        }
        return true;
    }
}
