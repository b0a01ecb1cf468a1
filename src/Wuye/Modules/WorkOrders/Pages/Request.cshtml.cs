using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Features.GetServiceRequest;
using Wuye.Modules.WorkOrders.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Pages;

/// <summary>
/// One request: where it stands, whom to call (numbers masked, an audited reveal), each job with its clocks, and the full
/// timeline. An owner is sent to the portal's page, which says the same in the owner's words.
/// </summary>
internal sealed class RequestModel(WuyeDb db, TimeProvider clock, IAntiforgery antiforgery) : PageModel
{
    public ServiceRequestDetail Detail { get; private set; } = null!;

    /// <summary>Materials and labour charged, by work order.</summary>
    public ILookup<Guid, Domain.WorkOrderCharge> Charges { get; private set; } =
        Array.Empty<Domain.WorkOrderCharge>().ToLookup(c => c.WorkOrderId);

    public ContactsView Contacts { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var scope = db.Scope;
        if (!scope.IsGlobal && scope.Roles.Length > 0 && scope.Roles.All(r => r is Roles.Owner or Roles.OwnersCommittee))
            return LocalRedirect($"/portal/requests/{id}");
        var d = await ServiceRequestDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (d is null)
            return NotFound();
        Detail = d;
        var orderIds = d.WorkOrders.Select(w => w.Id).ToList();
        Charges = (
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Set<Domain.WorkOrderCharge>().Where(c => orderIds.Contains(c.WorkOrderId)).OrderBy(c => c.Name),
                ct
            )
        ).ToLookup(c => c.WorkOrderId);
        var contacts = await RequestContacts.ForRequestsAsync(db, [id], ChinaTime.Today(clock), ct);
        Contacts = new ContactsView(
            id,
            [.. contacts[id]],
            ResidentPhones.MayReveal(scope),
            antiforgery.GetAndStoreTokens(HttpContext).RequestToken
        );
        return Page();
    }

    /// <summary>
    /// htmx, from this page or a return-visit card: one contact's full number, for a reason given in the browser's prompt,
    /// recorded by the master data before it is shown. Only a contact of this request, only to the People page's roles.
    /// </summary>
    public async Task<IActionResult> OnPostRevealPhoneAsync(Guid id, Guid personId, [FromForm] string? purpose, CancellationToken ct)
    {
        var contacts = await RequestContacts.ForRequestsAsync(db, [id], ChinaTime.Today(clock), ct);
        if (!contacts[id].Any(c => c.PersonId == personId && c.HasPhone))
            return NotFound();
        purpose = (purpose ?? "").Trim();
        if (purpose.Length is 0 or > 200)
            return Error(Loc.T("请填写查看原因（200 字以内）", "State why you need it (up to 200 characters)"));
        string? phone;
        try
        {
            phone = await db.RevealPhoneAsync(personId, purpose, ct);
        }
        catch (ForbiddenException e)
        {
            return Error(e.Text.ToString());
        }
        if (phone is null)
            return NotFound();
        var text = WebUtility.HtmlEncode(phone);
        return Content($"<a href=\"tel:{text}\" data-testid=\"revealed-phone\">{text}</a>", "text/html; charset=utf-8");
    }

    private ContentResult Error(string text) =>
        Content($"<span class=\"text-danger small\">{WebUtility.HtmlEncode(text)}</span>", "text/html; charset=utf-8");
}
