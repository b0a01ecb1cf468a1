using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.BoothReceipts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 岗亭收费周对账 for finance and the project manager (万科#6): the week's totals by booth and payment method, the voids with their
/// reasons, any gap in a booth's numbering, the .xlsx; and the form to record a paper receipt written while the system was down.
/// </summary>
internal sealed class BoothReconciliationModel(WuyeDb db, ScopeAccessor scopes, BoothReceiptHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Week { get; set; }
    public List<BoothDto> Booths { get; private set; } = [];
    public List<(Guid Id, string Name)> Projects { get; private set; } = [];
    public ReconciliationDto? Report { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Booths = await handler.BoothsAsync(ct);
        Projects = [.. Booths.Select(b => (b.ProjectId, b.ProjectName)).Distinct().OrderBy(p => p.ProjectName)];
        var project = Projects.Select(p => (Guid?)p.Id).FirstOrDefault(p => p == ProjectId)
            ?? Projects.Select(p => (Guid?)p.Id).FirstOrDefault();
        ProjectId = project;
        Week = BoothReceiptHandler.WeekOf(Week ?? handler.Today);
        Booths = [.. Booths.Where(b => b.ProjectId == project)];
        if (project is { } p)
            Report = await handler.ReconcileAsync(p, Week.Value, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayReconcile(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostManualAsync(
        Guid? postId,
        long? serial,
        decimal? amount,
        PayMethod? method,
        string? plate,
        DateTime? issuedAt,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(SecurityRoles.Reconcilers))
            return Forbid();
        var input = new ManualReceiptInput(postId, serial, amount, method, plate, issuedAt);
        BoothReceipt? r = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            r = await handler.RecordManualAsync(input, ct);
        });
        if (r is not null)
        {
            Done = Loc.T($"已补录手工收据 {r.PostName} No.{r.Number}", $"Paper receipt {r.PostName} No.{r.Number} recorded");
            Week = DateOnly.FromDateTime(ChinaTime.ToChina(r.IssuedAt).DateTime);
        }
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVoidAsync(Guid id, string? reason, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Reconcilers))
            return Forbid();
        var input = new VoidReceiptInput(reason);
        BoothReceipt? r = null;
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            r = await handler.VoidAsync(id, input, ct);
        });
        if (r is not null)
            Done = Loc.T($"收据 {r.PostName} No.{r.Number} 已作废", $"Receipt {r.PostName} No.{r.Number} voided");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }
}
