using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages.Accounts;

/// <summary>The accounts in a manager's scope (status, last sign-in, roles), with disable, enable and password reset; the same rules as
/// /api/v1/users.</summary>
public sealed class IndexModel(WuyeDb db, ScopeAccessor scope, UserManager<AppUser> users, Identity.Accounts accounts, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }
    public Paged<UserDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public string? OneTimePassword { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scope.ActAs(Roles.CompanyManager, Roles.ProjectManager))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        ActAsync(
            id,
            async u =>
            {
                if (u.Id == db.Scope.UserId)
                    throw new RuleException("account.self", "不能停用自己的账号", "You cannot disable your own account");
                await accounts.DisableAsync(u);
            },
            ct
        );

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => ActAsync(id, accounts.EnableAsync, ct);

    public Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct) =>
        ActAsync(
            id,
            async u =>
            {
                if (u.Id == db.Scope.UserId)
                    throw new RuleException("account.self", "请在“我的账号”中修改自己的密码", "Change your own password under My account");
                OneTimePassword = await accounts.ResetPasswordAsync(u);
            },
            ct
        );

    private async Task<IActionResult> ActAsync(Guid id, Func<AppUser, Task> action, CancellationToken ct)
    {
        if (!scope.ActAs(Roles.CompanyManager, Roles.ProjectManager))
            return Forbid();
        try
        {
            if (await UserEndpoints.ManageableAsync(db, users, id, ct) is not { } user)
                return NotFound();
            await action(user);
        }
        catch (ForbiddenException ex)
        {
            Errors.Add(ex.Text.ToString());
        }
        catch (RuleException ex)
        {
            Errors.Add(ex.Text.ToString());
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = UserEndpoints.Visible(db);
        if (!string.IsNullOrWhiteSpace(Q))
            query = query.Where(u => u.DisplayName.Contains(Q.Trim()) || u.UserName!.Contains(Q.Trim()));
        var paged = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ToPagedAsync(1, Paging.MaxPageSize, ct);
        var ids = paged.Items.Select(u => u.Id).ToList();
        var roles = (
            await db.RoleAssignments.AsNoTracking().Where(r => ids.Contains(r.UserId)).Select(r => new { r.UserId, r.Role }).ToListAsync(ct)
        ).ToLookup(r => r.UserId, r => r.Role);
        var now = clock.GetUtcNow();
        Result = new(
            [.. paged.Items.Select(u => UserEndpoints.Dto(u, [.. roles[u.Id].Distinct()], now))],
            paged.Page,
            paged.PageSize,
            paged.Total
        );
    }
}
