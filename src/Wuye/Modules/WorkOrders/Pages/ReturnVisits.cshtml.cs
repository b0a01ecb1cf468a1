using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Modules.WorkOrders.Features.RecordReturnVisit;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>回访 task list for customer service: due within one working day of completion, overdue ones flagged.</summary>
internal sealed class ReturnVisitsModel(
    WuyeDb db,
    RecordReturnVisitHandler visits,
    TimeProvider clock,
    Wuye.Platform.Tenancy.ScopeAccessor scopes,
    Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery
) : PageModel
{
    public List<ReturnVisitDto> Pending { get; private set; } = [];
    public List<ReturnVisitDto> Recent { get; private set; } = [];
    public string? Error { get; private set; }

    /// <summary>Whom to call for each pending visit, by request: numbers masked, revealed through the request page's handler.</summary>
    public ILookup<Guid, RequestContact> Contacts { get; private set; } = Array.Empty<RequestContact>().ToLookup(_ => Guid.Empty);
    public bool MayReveal => Wuye.Modules.MasterData.Contracts.ResidentPhones.MayReveal(db.Scope);
    public string? Token => antiforgery.GetAndStoreTokens(HttpContext).RequestToken;

    /// <summary>Also narrows the request's writes to where the user holds these roles.</summary>
    private bool Allowed => scopes.ActAs(WorkOrderRoles.Dispatchers);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool? satisfied, int? score, string? comment, CancellationToken ct)
    {
        if (!Allowed)
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            var input = new VisitInput(satisfied, score, comment);
            Wuye.Platform.Web.Validator.Check(input);
            await visits.HandleAsync(id, input, ct);
        });
        if (Error is null)
            return RedirectToPage();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Pending = await WorkOrderQueries
            .Visits(db, db.Set<ReturnVisit>().AsNoTracking().Where(v => v.Status == ReturnVisitStatus.Pending).OrderBy(v => v.DueAt), now)
            .Take(100)
            .ToListAsync(ct);
        Contacts = await RequestContacts.ForRequestsAsync(db, [.. Pending.Select(v => v.ServiceRequestId)], ChinaTime.Today(clock), ct);
        Recent = await WorkOrderQueries
            .Visits(
                db,
                db.Set<ReturnVisit>().AsNoTracking().Where(v => v.Status == ReturnVisitStatus.Done).OrderByDescending(v => v.VisitedAt),
                now
            )
            .Take(20)
            .ToListAsync(ct);
    }
}
