using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.RegisterComplaint;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Pages.Portal;

/// <summary>
/// The owner's complaints on a phone: make one for a home of theirs (customer service of the
/// project owns it from then on) and follow it: who handles it, the promised reply, the outcome.
/// </summary>
internal sealed class ComplaintsModel(WuyeDb db, RegisterComplaintHandler register, ScopeAccessor scopes, TimeProvider clock) : PageModel
{
    public List<UnitRef> Units { get; private set; } = [];
    public List<ComplaintDto> Mine { get; private set; } = [];
    public string? Error { get; private set; }

    [TempData]
    public string? Done { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public ComplaintCategory? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new NewComplaint(
                UnitId,
                null,
                null,
                null,
                ComplaintChannel.Portal,
                Category,
                Description,
                null,
                null,
                null,
                null,
                null,
                null,
                null
            );
            Wuye.Platform.Web.Validator.Check(input);
            var c = await register.HandleAsync(input, ct);
            Done = Loc.T(
                $"投诉 {c.Number} 已提交，我们会在 {ChinaTime.Text(c.ReplyDueAt)} 前答复您",
                $"Complaint {c.Number} sent; we will reply by {ChinaTime.Text(c.ReplyDueAt)}"
            );
        });
        if (Error is null)
            return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var own = db.Scope.Units;
        Units = await db.OwnUnitRefs().ToListAsync(ct);
        Mine =
        [
            .. (
                await ComplaintQueries
                    .Complaints(
                        db,
                        db.Set<Complaint>().AsNoTracking().Where(c => own.Contains(c.UnitId)).OrderByDescending(c => c.ReceivedAt),
                        clock.GetUtcNow()
                    )
                    .Take(50)
                    .ToListAsync(ct)
            ).Select(ComplaintQueries.Masked),
        ];
    }
}
