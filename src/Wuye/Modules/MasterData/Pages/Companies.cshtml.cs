using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>
/// The platform operator's companies: the list, and the form that registers one (POST /api/v1/companies); each row leads to inviting its
/// first manager.
/// </summary>
internal sealed class CompaniesModel(WuyeDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<Row> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public RecordForm Form { get; private set; } = null!;

    public sealed record Row(Guid Id, string Name, string? CreditCode, int Projects, int Accounts);

    private static readonly Field[] Fields =
    [
        new("name", "公司名称", "Name", Required: true),
        new("creditCode", "统一社会信用代码", "Credit code"),
        new("contactPhone", "联系电话", "Phone"),
        new("regulatorId", "主管部门", "Regulator", FieldType.Select),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!db.Scope.IsGlobal)
            return Forbid();
        Result = await db.Companies()
            .AsNoTracking()
            .Where(c => c.ArchivedAt == null)
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Select(c => new Row(
                c.Id,
                c.Name,
                c.CreditCode,
                db.Projects().Count(p => p.CompanyId == c.Id && p.ArchivedAt == null),
                db.Users.Count(u => u.CompanyId == c.Id)
            ))
            .ToPagedAsync(Math.Clamp(PageNumber ?? 1, 1, Paging.MaxPage), Paging.DefaultPageSize, ct);
        Form = new(
            "/api/v1/companies",
            "POST",
            "/master-data/companies?saved=1",
            Fields,
            null,
            new Dictionary<string, List<Option>> { ["regulatorId"] = await AccountChoices.RegulatorsAsync(db, ct) },
            new Dictionary<string, string>(),
            false,
            Loc.T("登记公司", "Register the company"),
            "company-form"
        );
        return Page();
    }
}
