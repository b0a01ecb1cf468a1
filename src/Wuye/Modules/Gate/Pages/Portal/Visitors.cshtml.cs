using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.AnswerWalkIn;
using Wuye.Modules.Gate.Features.RegisterVisitor;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Pages.Portal;

/// <summary>
/// 我的访客: an owner expects a visitor (window, people, entries, car) and gets the pass to send (QR code and 8-character code);
/// walk-ins the gate registered for their home wait here for a yes or no.
/// </summary>
internal sealed class VisitorsModel(
    WuyeDb db,
    ScopeAccessor scopes,
    TimeProvider clock,
    RegisterVisitorHandler register,
    AnswerWalkInHandler answers
) : PageModel
{
    public List<UnitRef> Units { get; private set; } = [];
    public List<VisitorPassDto> Passes { get; private set; } = [];
    public VisitorPassDto? Created { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset Now { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = ChinaTime.Now(clock);
        Units = await db.OwnUnitRefs().OrderBy(u => u.FullLabel).ThenBy(u => u.Id).ToListAsync(ct);
        var since = clock.GetUtcNow().AddDays(-7);
        var own = db.Scope.Units;
        Passes = await PassViews.PassesAsync(
            db,
            db.Set<VisitorPass>()
                .Where(p => own.Contains(p.UnitId) && p.ValidTo > since)
                .OrderByDescending(p => p.ValidFrom)
                .ThenBy(p => p.Id)
                .Take(50),
            ct
        );
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        Guid? unitId,
        string? visitorName,
        string? visitorPhone,
        DateTime? validFrom,
        DateTime? validTo,
        string? plateNumber,
        int? people,
        int? maxEntries,
        CancellationToken ct
    )
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        DateTimeOffset? Local(DateTime? t) =>
            t is { } x ? new DateTimeOffset(DateTime.SpecifyKind(x, DateTimeKind.Unspecified), ChinaTime.Offset) : null;
        var input = new RegisterVisitorInput(
            unitId,
            visitorName,
            visitorPhone,
            Local(validFrom),
            Local(validTo),
            plateNumber,
            people,
            maxEntries
        );
        Error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            Created = await register.RegisterAsync(input, ct);
        });
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid passId, bool accept, CancellationToken ct)
    {
        if (!scopes.ActAs(Roles.Owner))
            return Forbid();
        Error = await PageActions.TryAsync(ModelState, () => answers.AnswerAsync(passId, new AnswerInput(accept), ct));
        await LoadAsync(ct);
        return Page();
    }

    public static string Qr(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
