using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.HiddenTokens;
using Wuye.Modules.Security.Features.RollCalls;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 安全搜寻棒: for the guard, a box to enter the code of a token found; for the supervisor, a form to record where a token was hidden
/// (answering the code to write on it); for everyone, the night's tokens (place and code hidden from guards until found) and the
/// month's ranking of posts.
/// </summary>
internal sealed class TokensModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, HiddenTokenHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Night { get; set; }
    public DateOnly Day { get; private set; }
    public List<HiddenTokenDto> Tokens { get; private set; } = [];
    public List<TokenRankLine> Ranking { get; private set; } = [];
    public List<(Guid Id, string Name)> Posts { get; private set; } = [];
    public bool Supervisor => SecurityRoles.MaySupervise(db.Scope);
    public bool Guard => SecurityRoles.MayScan(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Day = Night ?? RollCallReads.CurrentNight(clock);
        var now = clock.GetUtcNow();
        var supervisor = Supervisor;
        Tokens =
        [
            .. (await handler.OfNight(Day, null).Take(200).ToListAsync(ct)).Select(t =>
                HiddenTokenHandler.Dto(t, now, SecurityRoles.MaySuperviseAt(db.Scope, t.CompanyId, t.ProjectId))
            ),
        ];
        Ranking = await handler.RankingAsync(null, null, ct);
        if (supervisor)
            Posts =
            [
                .. (
                    await db.Set<SecurityPost>()
                        .AsNoTracking()
                        .Where(p => p.ArchivedAt == null)
                        .OrderBy(p => p.Kind != PostKind.Patrol)
                        .ThenBy(p => p.Name)
                        .ThenBy(p => p.Id)
                        .Take(300)
                        .Select(p => new { p.Id, p.Name })
                        .ToListAsync(ct)
                ).Select(p => (p.Id, p.Name)),
            ];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> AfterAsync(string? error, string? done, CancellationToken ct)
    {
        Error = error;
        Done = error is null ? done : null;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFoundAsync(string? code, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Guards))
            return Forbid();
        var input = new FoundTokenInput(code);
        HiddenToken? token = null;
        var error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            token = await handler.FindAsync(input, ct);
        });
        return await AfterAsync(
            error,
            token is null ? null : Loc.T($"已找到，用时 {token.MinutesToFind} 分钟", $"Found in {token.MinutesToFind} min"),
            ct
        );
    }

    public async Task<IActionResult> OnPostHideAsync(Guid? securityPostId, string? place, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Supervisors))
            return Forbid();
        var input = new HideTokenInput(securityPostId, place);
        HiddenToken? token = null;
        var error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            token = await handler.HideAsync(input, ct);
        });
        return await AfterAsync(
            error,
            token is null ? null : Loc.T($"已记录，请在搜寻棒上写编码 {token.Code}", $"Recorded: write the code {token.Code} on the token"),
            ct
        );
    }

    public static (string Badge, string Text) StateOf(string state) =>
        state switch
        {
            "found" => ("bg-green-lt", Loc.T("已找到", "Found")),
            "not_found" => ("bg-red-lt", Loc.T("未找到", "Not found")),
            _ => ("bg-blue-lt", Loc.T("待寻找", "Hidden")),
        };
}
