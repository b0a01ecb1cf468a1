using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.RollCalls;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 夜间点名: for the guard, their call waiting for an answer ("到") and their night; for the monitoring center's console, the night's
/// calls latest first with a button to record a verbal answer; for everyone, the night's log per post.
/// </summary>
internal sealed class RollCallsModel(WuyeDb db, ScopeAccessor scopes, TimeProvider clock, RollCallHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Night { get; set; }
    public DateOnly Day { get; private set; }
    public List<RollCall> Calls { get; private set; } = [];
    public List<RollCall> Mine { get; private set; } = [];
    public List<RollCallLogLine> Log { get; private set; } = [];
    public bool Operator => SecurityRoles.MayOperate(db.Scope);
    public bool Guard => SecurityRoles.MayScan(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Day = Night ?? RollCallReads.CurrentNight(clock);
        Calls = await RollCallReads.OfNight(db, Day, null).Take(2000).ToListAsync(ct);
        Log = RollCallReads.Log(Calls);
        var me = db.Scope.UserId;
        Mine = Guard ? [.. Calls.Where(c => c.GuardUserId == me && c.State is RollCallState.Waiting or RollCallState.Recalled)] : [];
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAckAsync(Guid id, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Guards))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => handler.AcknowledgeAsync(id, ct));
        Done = Error is null ? Loc.T("已应答", "Answered") : null;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVerbalAsync(Guid id, string? note, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.Operators))
            return Forbid();
        var input = new VerbalAnswerInput(note);
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            await handler.RecordVerbalAsync(id, input, ct);
        });
        Done = Error is null ? Loc.T("已记录口头应答", "Verbal answer recorded") : null;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public static string Badge(RollCallState s) =>
        s switch
        {
            RollCallState.Answered => "bg-green-lt",
            RollCallState.Escalated => "bg-red-lt",
            RollCallState.Recalled => "bg-orange-lt",
            _ => "bg-blue-lt",
        };

    public static string Name(RollCallState s) =>
        s switch
        {
            RollCallState.Answered => Loc.T("已应答", "Answered"),
            RollCallState.Escalated => Loc.T("已上报", "Escalated"),
            RollCallState.Recalled => Loc.T("再次呼叫", "Re-called"),
            _ => Loc.T("待应答", "Waiting"),
        };
}
