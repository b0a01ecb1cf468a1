using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.CarParks;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Pages;

/// <summary>
/// 车位看板 (万科#7) on a phone: each car park's free and taken spaces by kind; the open car park's spaces one by one; for guards and
/// the supervisor a form to record a car entering or leaving a space.
/// </summary>
internal sealed class ParkingModel(WuyeDb db, ScopeAccessor scopes, CarParkHandler handler) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }
    public List<CarParkDto> Parks { get; private set; } = [];
    public CarParkBoardDto? Board { get; private set; }
    public bool Recorder => SecurityRoles.MayRecordParking(db.Scope);
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        Parks = await handler.ListAsync(null, ct);
        var open = Parks.FirstOrDefault(p => p.Id == Id) ?? Parks.FirstOrDefault();
        Board = open is null ? null : await handler.BoardAsync(open.Id, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SecurityRoles.MayRead(db.Scope))
            return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostEnterAsync(Guid? carParkSpaceId, string? plate, CancellationToken ct) =>
        MoveAsync(carParkSpaceId, plate, true, ct);

    public Task<IActionResult> OnPostExitAsync(Guid? carParkSpaceId, CancellationToken ct) => MoveAsync(carParkSpaceId, null, false, ct);

    private async Task<IActionResult> MoveAsync(Guid? carParkSpaceId, string? plate, bool entering, CancellationToken ct)
    {
        if (!scopes.ActAs(SecurityRoles.ParkingRecorders))
            return Forbid();
        var input = new SpaceMoveInput(carParkSpaceId, plate);
        CarParkSpace? space = null;
        var error = await PageActions.TryAsync(ModelState, async () =>
        {
            Validator.Check(input);
            space = await handler.MoveAsync(Id ?? Guid.Empty, input, entering, ct);
        });
        Error = error;
        if (space is not null)
            Done = entering
                ? Loc.T($"已登记驶入 {space.Code}", $"Recorded: a car entered {space.Code}")
                : Loc.T($"已登记驶出 {space.Code}", $"Recorded: a car left {space.Code}");
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public static string KindBadge(SpaceKind k) =>
        k switch
        {
            SpaceKind.Fixed => "bg-blue-lt",
            SpaceKind.Rented => "bg-purple-lt",
            _ => "bg-green-lt",
        };
}
