using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.RecordCertificate;
using Wuye.Modules.Staff.Features.RenewCertificate;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Pages;

/// <summary>特种作业证书: the register with each certificate's expiry (keepers record and renew; front-line staff see their own).</summary>
internal sealed class CertificatesModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    IOptions<StaffOptions> options,
    RecordCertificateHandler record,
    RenewCertificateHandler renew
) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public CertificateKind? Kind { get; set; }

    public List<CertificateDto> Certificates { get; private set; } = [];
    public int Total { get; private set; }
    public List<(Guid Id, string Name, string? Project)> StaffChoices { get; private set; } = [];
    public bool CanKeep { get; private set; }
    public DateOnly Today { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    /// <summary>The field's errors from the last post, in the page's language.</summary>
    public IEnumerable<string> ErrorsOf(string field) =>
        ModelState.TryGetValue(field, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!StaffRoles.MayOpen(scopes.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? staffMemberId,
        CertificateKind? kind,
        string? number,
        string? issuer,
        DateOnly? issuedOn,
        DateOnly? expiresOn,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            record.HandleAsync(new CertificateInput(staffMemberId, kind, number, issuer, issuedOn, expiresOn), ct)
        );
        Done = Error is null ? Loc.T("证书已登记", "Certificate recorded") : null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRenewAsync(
        Guid id,
        string? number,
        DateOnly? issuedOn,
        DateOnly? expiresOn,
        uint? version,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(StaffRoles.Keepers))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () =>
            renew.HandleAsync(id, new RenewInput(number, issuedOn, expiresOn, version), ct)
        );
        Done = Error is null ? Loc.T("证书已续期", "Certificate renewed") : null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var days = options.Value.CertificateRemindDays;
        CanKeep = StaffRoles.MayKeep(db.Scope);
        var q = CertificateViews.Visible(db);
        if (Enum.TryParse<CertificateStatus>(Status, ignoreCase: true, out var status))
            q = q.InStatus(status, Today, days);
        else
            Status = null;
        if (Kind is { } k)
            q = q.Where(c => c.Kind == k);
        Total = await q.CountAsync(ct);
        var rows = await q.OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).Take(Shown).ToListAsync(ct);
        Certificates = await CertificateViews.ToDtosAsync(db, rows, Today, days, ct);
        if (!CanKeep)
            return;
        var projects = db.ProjectRefs();
        StaffChoices =
        [
            .. (
                await db.StaffRefs()
                    .AsNoTracking()
                    .Where(s => s.ArchivedAt == null)
                    .OrderBy(s => s.Name)
                    .ThenBy(s => s.Id)
                    .Select(s => new
                    {
                        s.Id,
                        s.Name,
                        Project = projects.Where(p => p.Id == s.ProjectId).Select(p => p.Name).FirstOrDefault(),
                    })
                    .Take(500)
                    .ToListAsync(ct)
            ).Select(s => (s.Id, s.Name, s.Project)),
        ];
    }
}
