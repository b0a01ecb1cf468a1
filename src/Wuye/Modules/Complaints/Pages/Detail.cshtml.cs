using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Features.CloseComplaint;
using Wuye.Modules.Complaints.Features.CreateLinkedRequest;
using Wuye.Modules.Complaints.Features.EscalateComplaint;
using Wuye.Modules.Complaints.Features.FollowUpComplaint;
using Wuye.Modules.Complaints.Features.PostponeComplaint;
using Wuye.Modules.Complaints.Features.ReassignComplaint;
using Wuye.Modules.Complaints.Features.RecordVisit;
using Wuye.Modules.Complaints.Features.ReopenComplaint;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages;

/// <summary>One complaint: where it stands, its timeline, linked work, suggested reply scripts and every action.</summary>
internal sealed class DetailModel(
    WuyeDb db,
    IServiceRequests serviceRequests,
    RoleHolders roleHolders,
    TimeProvider clock,
    ComplaintDepartments departments
) : PageModel
{
    public ComplaintDetail Detail { get; private set; } = null!;
    public List<(Guid Id, string Name)> Staff { get; private set; } = [];
    public string? Error { get; private set; }
    public Dictionary<string, string> DepartmentNames { get; private set; } = [];
    public bool IsManager => ComplaintPages.IsManager(db.Scope);
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostPostponeAsync(
        Guid id,
        DateTime? replyDueAt,
        string? reason,
        int? workingDays,
        [FromServices] PostponeComplaintHandler h,
        CancellationToken ct
    ) =>
        RunAsync(
            id,
            new PostponeInput(ComplaintPages.FromInput(replyDueAt), reason, replyDueAt is null ? workingDays : null),
            b => h.HandleAsync(id, b, ct),
            ct
        );

    public Task<IActionResult> OnPostEscalateAsync(
        Guid id,
        string? reason,
        [FromServices] EscalateComplaintHandler h,
        CancellationToken ct
    ) => RunAsync(id, new NoteInput(reason), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostReassignAsync(
        Guid id,
        Guid? ownerStaffId,
        string? reason,
        [FromServices] ReassignComplaintHandler h,
        CancellationToken ct
    ) => RunAsync(id, new ReassignInput(ownerStaffId, reason), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostFollowUpAsync(
        Guid id,
        string? rootCause,
        string? nextStep,
        [FromServices] FollowUpComplaintHandler h,
        CancellationToken ct
    ) => RunAsync(id, new FollowUpInput(rootCause, nextStep), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(
        Guid id,
        string? resolution,
        [FromServices] CloseComplaintHandler h,
        CancellationToken ct
    ) => RunAsync(id, new CloseInput(resolution), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostVisitAsync(
        Guid id,
        bool? satisfied,
        string? comment,
        [FromServices] RecordVisitHandler h,
        CancellationToken ct
    ) => RunAsync(id, new ComplaintVisitInput(satisfied, comment), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostReopenAsync(Guid id, string? reason, [FromServices] ReopenComplaintHandler h, CancellationToken ct) =>
        RunAsync(id, new ReopenInput(reason), b => h.HandleAsync(id, b, ct), ct);

    public Task<IActionResult> OnPostWorkOrderAsync(
        Guid id,
        RequestCategory? category,
        string? description,
        [FromServices] CreateLinkedRequestHandler h,
        CancellationToken ct
    ) => RunAsync(id, new LinkedRequestInput(category, description), b => h.HandleAsync(id, b, ct), ct);

    private async Task<IActionResult> RunAsync<T>(Guid id, T input, Func<T, Task> action, CancellationToken ct)
        where T : IValidatable
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Wuye.Platform.Web.Validator.Check(input);
            await action(input);
        });
        if (Error is null)
            return Redirect($"/complaints/{id}");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (!ComplaintPages.IsStaff(db.Scope))
            return false;
        var d = await ComplaintQueries.DetailAsync(db, serviceRequests, id, clock.GetUtcNow(), ct);
        if (d is null)
            return false;
        Detail = d;
        var companyId = await db.ProjectRefs().Where(p => p.Id == d.Complaint.ProjectId).Select(p => p.CompanyId).FirstAsync(ct);
        DepartmentNames = await departments.NamesAsync([companyId], ct);
        if (IsManager)
        {
            Staff =
            [
                .. (
                    await roleHolders.AtProjectAsync(
                        companyId,
                        d.Complaint.ProjectId,
                        [
                            Roles.CustomerService,
                            Roles.ProjectManager,
                            Roles.Steward,
                            Roles.Technician,
                            Roles.SecurityGuard,
                            Roles.CompanyManager,
                        ],
                        ct
                    )
                )
                    .DistinctBy(h => h.UserId)
                    .OrderBy(h => h.Name)
                    .Select(h => (h.UserId, h.Name)),
            ];
        }
        return true;
    }
}
