using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RegisterVisitor;

internal sealed record RegisterVisitorInput(
    Guid? UnitId,
    string? VisitorName,
    string? VisitorPhone,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    string? PlateNumber,
    int? People,
    int? MaxEntries
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Home")
            .Required("visitorName", VisitorName, "访客姓名", "Visitor's name")
            .MaxLength("visitorName", VisitorName, 50, "访客姓名", "Visitor's name")
            .Required("validFrom", ValidFrom, "开始时间", "From")
            .Required("validTo", ValidTo, "结束时间", "To")
            .MaxLength("plateNumber", PlateNumber, 12, "车牌号", "Plate number")
            .Range("people", People, 1, 20, "人数", "People")
            .Range("maxEntries", MaxEntries, 1, 20, "进入次数", "Entries");
        if (!string.IsNullOrWhiteSpace(VisitorPhone))
            v.Phone("visitorPhone", VisitorPhone.Trim());
    }
}

/// <summary>
/// An owner expects a visitor at one of their homes: the pass is signed with the project's key and carries its window and number of
/// entries, so the gate can check it with the public key alone.
/// </summary>
internal sealed class RegisterVisitorHandler(WuyeDb db, TimeProvider clock, PassKeys keys)
{
    public async Task<VisitorPassDto> RegisterAsync(RegisterVisitorInput input, CancellationToken ct)
    {
        var own = db.Scope.Units;
        var unit = await db.UnitRefs().Where(u => u.Id == input.UnitId && own.Contains(u.Id)).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "这不是您的房屋", "This is not your home");
        var now = clock.GetUtcNow();
        var from = (input.ValidFrom!.Value < now ? now : input.ValidFrom.Value).ToUniversalTime();
        var to = input.ValidTo!.Value.ToUniversalTime();
        VisitorPass.CheckWindow(from, to, now);
        var pass = new VisitorPass
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            Kind = PassKind.PreRegistered,
            Status = PassStatus.Active,
            VisitorName = input.VisitorName!.Trim(),
            VisitorPhone = string.IsNullOrWhiteSpace(input.VisitorPhone) ? null : input.VisitorPhone.Trim(),
            PlateNumber = string.IsNullOrWhiteSpace(input.PlateNumber) ? null : input.PlateNumber.Trim().ToUpperInvariant(),
            People = input.People ?? 1,
            ValidFrom = from,
            ValidTo = to,
            MaxEntries = input.MaxEntries ?? 1,
            Code = PassViews.NewCode(),
            RegisteredBy = db.Scope.UserId ?? Guid.Empty,
        };
        pass.Payload = await keys.SignAsync(
            unit.CompanyId,
            new PassClaims(pass.Id, pass.ProjectId, pass.ValidFrom, pass.ValidTo, pass.MaxEntries, pass.People),
            ct
        );
        db.Add(pass);
        await db.SaveChangesAsync(ct);
        return PassViews.ToDto(pass, unit.Label, false);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/visitor-passes",
                async Task<Created<VisitorPassDto>> (RegisterVisitorHandler h, RegisterVisitorInput body, CancellationToken ct) =>
                {
                    var pass = await h.RegisterAsync(body, ct);
                    return TypedResults.Created($"/api/v1/visitor-passes/{pass.Id}", pass);
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Owners)
            .WithSummary(
                "An owner pre-registers a visitor: a signed pass (QR payload and typed code) for a window and a number of entries"
            );
    }
}
