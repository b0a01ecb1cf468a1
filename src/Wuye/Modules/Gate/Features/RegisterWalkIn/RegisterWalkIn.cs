using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RegisterWalkIn;

internal sealed record WalkInInput(
    Guid? ProjectId,
    Guid? UnitId,
    string? Unit,
    string? VisitorName,
    string? VisitorPhone,
    string? PlateNumber,
    int? People,
    string? CallNote,
    bool OwnerAgreed
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("visitorName", VisitorName, "访客姓名", "Visitor's name")
            .MaxLength("visitorName", VisitorName, 50, "访客姓名", "Visitor's name")
            .MaxLength("unit", Unit, 40, "房屋", "Home")
            .MaxLength("plateNumber", PlateNumber, 12, "车牌号", "Plate number")
            .MaxLength("callNote", CallNote, 200, "通话记录", "Call note")
            .Range("people", People, 1, 20, "人数", "People");
        if (UnitId is null && string.IsNullOrWhiteSpace(Unit))
            v.Add("unit", "请填写拜访的房屋，如 3幢 1201", "Give the home visited, e.g. 3幢 1201");
        if (!string.IsNullOrWhiteSpace(VisitorPhone))
            v.Phone("visitorPhone", VisitorPhone.Trim());
    }
}

/// <summary>
/// A visitor without a pass: the gate calls the owner and records what was said. When the owner agreed on the phone the visitor is
/// checked in at once; otherwise the owner is asked on the portal and the visitor waits.
/// </summary>
internal sealed class RegisterWalkInHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<VisitorPassDto> RegisterAsync(WalkInInput input, CancellationToken ct)
    {
        var units = db.UnitRefs().Where(u => u.ProjectId == input.ProjectId && u.ArchivedAt == null);
        var typed = (input.Unit ?? "").Replace(" ", "").Trim();
        var unit = await (
            input.UnitId is { } id ? units.Where(u => u.Id == id) : units.Where(u => u.Label.Replace(" ", "") == typed)
        ).FirstOrDefaultAsync(ct) ?? throw ValidationException.For("unit", "本项目没有这个房屋", "No such home in this project");
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var now = clock.GetUtcNow();
        var pass = new VisitorPass
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            Kind = PassKind.WalkIn,
            Status = input.OwnerAgreed ? PassStatus.Active : PassStatus.AwaitingOwner,
            VisitorName = input.VisitorName!.Trim(),
            VisitorPhone = string.IsNullOrWhiteSpace(input.VisitorPhone) ? null : input.VisitorPhone.Trim(),
            PlateNumber = string.IsNullOrWhiteSpace(input.PlateNumber) ? null : input.PlateNumber.Trim().ToUpperInvariant(),
            People = input.People ?? 1,
            ValidFrom = now,
            ValidTo = ChinaTime.StartOf(ChinaTime.Today(clock).AddDays(1)).ToUniversalTime(),
            MaxEntries = 1,
            Code = PassViews.NewCode(),
            RegisteredBy = user,
            CallNote = string.IsNullOrWhiteSpace(input.CallNote) ? null : input.CallNote.Trim(),
            AnsweredAt = input.OwnerAgreed ? now : null,
            AnsweredBy = input.OwnerAgreed ? user : null,
        };
        db.Add(pass);
        var inside = false;
        if (input.OwnerAgreed)
        {
            db.Add(pass.Enter(now, user, typed: true));
            inside = true;
        }
        else
        {
            var persons = db.PersonRefs();
            var today = ChinaTime.Today(clock);
            var owners = await db.OccupantRefs()
                .Where(o => o.UnitId == unit.Id && (o.Until == null || o.Until >= today))
                .Select(o => persons.Where(p => p.Id == o.PersonId).Select(p => p.UserId).FirstOrDefault())
                .Where(u => u != null)
                .Select(u => u!.Value)
                .ToListAsync(ct);
            await notifier.NotifyAsync(
                owners,
                unit.CompanyId,
                $"访客到访待确认：{pass.VisitorName}",
                $"{pass.VisitorName}（{pass.People} 人）在门岗要求拜访 {unit.Label}，请在“我的访客”中确认是否放行。",
                "/portal/visitors",
                $"walk-in:{pass.Id:N}",
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return PassViews.ToDto(pass, unit.Label, inside);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/visitor-passes/walk-ins",
                async Task<Created<VisitorPassDto>> (RegisterWalkInHandler h, WalkInInput body, CancellationToken ct) =>
                {
                    var pass = await h.RegisterAsync(body, ct);
                    return TypedResults.Created($"/api/v1/visitor-passes/{pass.Id}", pass);
                }
            )
            .WithTags("Gate")
            .RequireRoles(GateRoles.Console)
            .WithSummary("The gate registers a walk-in visitor after calling the owner; checked in at once when the owner agreed");
    }
}
