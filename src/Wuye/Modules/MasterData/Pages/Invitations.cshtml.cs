using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.MasterData.Features.Invitations;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>
/// Invitations: the ones the user sent or of accounts in their scope (pending, accepted, expired),
/// and the form that sends one: a name, a mobile or e-mail for the code, a role the user may grant
/// (<see cref="Roles.MayGrant"/>) and the place it is held at. The form posts to /api/v1/invitations.
/// </summary>
internal sealed class InvitationsModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public Paged<InvitationDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public RecordForm Form { get; private set; } = null!;

    /// <summary>The shown invitations that are each account's latest (only those can be sent again).</summary>
    public HashSet<Guid> Latest { get; private set; } = [];

    public static bool MayOpen(Platform.Tenancy.DataScope s) =>
        s.IsGlobal || s.HasRole(Roles.CompanyManager) || s.HasRole(Roles.ProjectManager) || s.HasRole(Roles.Steward);

    public static string StatusName(string status) =>
        status switch
        {
            "accepted" => Loc.T("已接受", "Accepted"),
            "expired" => Loc.T("已过期", "Expired"),
            _ => Loc.T("待接受", "Waiting"),
        };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = db.Scope;
        if (!MayOpen(scope))
            return Forbid();
        Result = await Invitations.ListAsync(db, clock, Math.Clamp(PageNumber ?? 1, 1, Paging.MaxPage), Paging.DefaultPageSize, ct);
        Latest = [.. Result.Items.GroupBy(i => i.UserId).Select(g => g.First().Id)];
        var roles = AccountChoices.GrantableRoles(scope, r => scope.IsGlobal || r.Level != Roles.RoleLevel.Platform);
        var places = scope.IsGlobal || scope.HasRole(Roles.CompanyManager) || scope.HasRole(Roles.ProjectManager);
        var fields = new List<Field>
        {
            new("displayName", "姓名", "Name", Required: true),
            new("mobile", "手机号（接收邀请码）", "Mobile (gets the code)"),
            new("email", "电子邮箱（可选）", "E-mail (optional)"),
            new("role", "角色", "Role", FieldType.Select, true),
        };
        var options = new Dictionary<string, List<Option>> { ["role"] = roles };
        if (places)
        {
            fields.Add(new("companyId", "公司（公司级角色）", "Company (company roles)", FieldType.Select));
            fields.Add(new("projectId", "项目（项目级角色）", "Project (project roles)", FieldType.Select));
            fields.Add(new("zoneId", "片区（管家）", "Zone (stewards)", FieldType.Select));
            options["companyId"] = await RecordKinds.CompanyOptions(db, new(null, null), ct);
            options["projectId"] = await RecordKinds.ProjectOptions(db, new(null, null), ct);
            options["zoneId"] = await AccountChoices.ZonesAsync(db, ct);
        }
        if (roles.Any(r => r.Value == Roles.Owner))
        {
            fields.Add(new("unitId", "房屋（业主）", "Unit (owners)", FieldType.Select));
            options["unitId"] = await AccountChoices.UnitsAsync(db, ct);
        }
        if (scope.IsGlobal)
        {
            fields.Add(new("regulatorId", "主管部门（主管部门人员）", "Regulator (regulator staff)", FieldType.Select));
            options["regulatorId"] = await AccountChoices.RegulatorsAsync(db, ct);
        }
        var values = JsonSerializer.SerializeToElement(
            new Dictionary<string, string?>
            {
                ["companyId"] = CompanyId?.ToString(),
                ["role"] = Role ?? (roles.Count == 1 ? roles[0].Value : null),
            }
        );
        Form = new(
            "/api/v1/invitations",
            "POST",
            "/invitations?saved=1",
            fields,
            values,
            options,
            new Dictionary<string, string>(),
            false,
            Loc.T("发送邀请", "Send the invitation"),
            "invitation-form"
        );
        return Page();
    }
}
