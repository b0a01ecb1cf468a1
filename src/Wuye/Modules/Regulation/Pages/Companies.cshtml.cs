using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.AddCompanyContact;
using Wuye.Modules.Regulation.Features.FileWithRegulator;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>企业档案: the regulator reads each company's file; a company's managers keep their own filings and contacts.</summary>
internal sealed class CompaniesModel(WuyeDb db, ScopeAccessor access, TimeProvider clock, CompanyFileReads reads) : PageModel
{
    public List<RegulatedCompanyDto> Companies { get; private set; } = [];
    public RegulatedCompanyDto? Selected { get; private set; }
    public bool MayKeep { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : Forbid();

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        if (!RegulationRoles.MayRead(db.Scope))
            return false;
        Today = ChinaTime.Today(clock);
        Companies = await reads.ToDtosAsync(await reads.Companies().Take(200).ToListAsync(ct), ct);
        Selected = Companies.FirstOrDefault(c => c.Id == id) ?? Companies.FirstOrDefault();
        MayKeep = Selected is not null && db.Scope.HasRoleAt([Roles.CompanyManager], Selected.Id, null, null) && !db.Scope.IsGlobal;
        return true;
    }

    public async Task<IActionResult> OnPostFileAsync(
        Guid id,
        FilingKind? kind,
        Guid? projectId,
        string? title,
        string? number,
        DateOnly? filedOn,
        DateOnly? validUntil,
        [FromServices] FileWithRegulatorHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.CompanyManager))
            return Forbid();
        var input = new FilingInput(kind, projectId, title, number, filedOn, validUntil, null);
        return await RunAsync(
            id,
            async () =>
            {
                Validator.Check(input);
                await handler.FileAsync(id, input, ct);
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostContactAsync(
        Guid id,
        string? name,
        string? position,
        string? phone,
        [FromServices] AddCompanyContactHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.CompanyManager))
            return Forbid();
        var input = new ContactInput(name, position, phone);
        return await RunAsync(
            id,
            async () =>
            {
                Validator.Check(input);
                await handler.AddAsync(id, input, ct);
            },
            ct
        );
    }

    private async Task<IActionResult> RunAsync(Guid id, Func<Task> action, CancellationToken ct)
    {
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return Redirect($"/regulation/companies?id={id}");
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ? Page() : Forbid();
    }

    public static string KindText(FilingKind k) =>
        k switch
        {
            FilingKind.MarketEntry => Loc.T("市场准入", "Market entry"),
            FilingKind.Contract => Loc.T("合同备案", "Contract"),
            _ => Loc.T("其他备案", "Other"),
        };
}
