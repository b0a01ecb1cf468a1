using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.CarParks;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Seed;

/// <summary>
/// The demo guard's project gets its underground car park (地下车库) on the board with all its registered spaces: most fixed spaces
/// taken by the car registered on them, some rented ones, two of the temporary spaces by visitors; and the rules shown to owners.
/// Then two months of parking violations with one repeat violator.
/// </summary>
internal sealed class ParkingDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 66;

    public const string Rules =
        "临时车位供访客及业主临时停放，2 小时内免费，2 小时以上按 5 元/小时收费；消防通道、出入口严禁停车；请勿占用他人产权或租用车位。";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        if (guard is null)
            return;
        var grant = await db.RoleAssignments.FirstAsync(r => r.UserId == guard.Id && r.Role == Roles.SecurityGuard, ct);
        var projectId = grant.ProjectId!.Value;
        if (!await db.ParkingSpaceRefs().AnyAsync(s => s.ProjectId == projectId && s.Location == "地下一层", ct))
            return;
        var park = await new CarParkHandler(db, clock).CreateAsync(new(projectId, "地下车库", "地下一层", Rules), ct);
        var rng = context.Random;
        var now = clock.GetUtcNow();
        var parked = await db.VehicleRefs()
            .Where(v => v.ProjectId == projectId && v.ParkingSpaceId != null && v.ArchivedAt == null)
            .Select(v => new { v.ParkingSpaceId, v.Plate })
            .ToListAsync(ct);
        var spaces = await db.Set<CarParkSpace>().Where(s => s.CarParkId == park.Id).OrderBy(s => s.Code).ToListAsync(ct);
        var visitors = 0;
        foreach (var s in spaces)
        {
            var since = now.AddMinutes(-rng.Next(20, 600));
            var own = parked.FirstOrDefault(v => v.ParkingSpaceId == s.ParkingSpaceId)?.Plate;
            if (s.Kind == SpaceKind.Visitor ? visitors++ < 2 : rng.Next(10) < (own is null ? 5 : 8))
                s.Enter(own ?? $"浙{(char)('A' + rng.Next(8))}{rng.Next(10000, 99999)}", since);
        }
        await db.SaveChangesAsync(ct);
        await ViolationsAsync(context, guard, projectId, [.. parked.Select(v => v.Plate)], ct);
    }

    private static readonly (int DaysAgo, ViolationKind Kind, string Place)[] Ledger =
    [
        (58, ViolationKind.FireLane, "3 幢北侧消防通道"),
        (41, ViolationKind.OthersSpace, "地下车库 B1-007"),
        (33, ViolationKind.TwoSpaces, "地下车库 B1-036、B1-037"),
        (20, ViolationKind.FireLane, "5 幢东侧消防登高面"),
        (12, ViolationKind.Blocking, "南门车行道出口"),
        (6, ViolationKind.WrongWay, "1 幢门前临时车位"),
        (2, ViolationKind.FireLane, "3 幢北侧消防通道"),
        (1, ViolationKind.OthersSpace, "地下车库 B1-012"),
    ];

    /// <summary>Two months of the ledger by the demo guard: one registered car three times (a repeat violator, escalated to the
    /// manager, its latest violation open), the rest once each, the older ones closed.</summary>
    private async Task ViolationsAsync(
        DemoSeedContext context,
        AppUser guard,
        Guid projectId,
        List<string> registered,
        CancellationToken ct
    )
    {
        var db = context.Db;
        var rng = context.Random;
        var project = await db.ProjectRefs().FirstAsync(p => p.Id == projectId, ct);
        var vehicles = await db.VehicleRefs()
            .Where(v => v.ProjectId == projectId && v.ArchivedAt == null)
            .OrderBy(v => v.Plate)
            .Select(v => new
            {
                v.Id,
                v.UnitId,
                v.Plate,
            })
            .ToListAsync(ct);
        var repeater = vehicles.FirstOrDefault(v => registered.Contains(v.Plate)) ?? vehicles.FirstOrDefault();
        var now = clock.GetUtcNow();
        var sql =
            "select nextval('security."
            + Data.SecurityModel.ViolationNumbers
            + "') as \"Value\" from generate_series(1, "
            + Ledger.Length
            + ")";
        var seqs = await db.Database.SqlQueryRaw<long>(sql).ToListAsync(ct);
        ParkingViolation? latest = null;
        for (var i = 0; i < Ledger.Length; i++)
        {
            var (daysAgo, kind, place) = Ledger[i];
            var at = now.AddDays(-daysAgo).AddMinutes(-rng.Next(0, 600));
            var again = repeater is not null && i is 1 or 4 or 7;
            var vehicle =
                again ? repeater
                : i % 3 == 0 && vehicles.Count > i ? vehicles[vehicles.Count - 1 - i]
                : null;
            var plate = vehicle?.Plate ?? $"浙{(char)('A' + rng.Next(8))}{rng.Next(10000, 99999)}";
            var v = ParkingViolation.Record(
                project.CompanyId,
                projectId,
                ParkingViolation.FormatNumber(at, seqs[i]),
                plate,
                place,
                kind,
                null,
                [],
                guard.Id,
                guard.DisplayName,
                at
            );
            v.VehicleId = vehicle?.Id;
            v.OwnerUnitId = vehicle?.UnitId;
            v.OwnerNotifiedAt = vehicle is null ? null : at;
            if (again && i == 7)
                v.EscalatedAt = at.AddMinutes(5);
            if (daysAgo > 5)
                v.Close(
                    kind == ViolationKind.FireLane ? ViolationOutcome.Moved : ViolationOutcome.Warned,
                    null,
                    guard.Id,
                    at.AddMinutes(rng.Next(10, 90))
                );
            db.Add(v);
            if (again && i == 7)
                latest = v;
        }
        // The supervisor has taken the first escalating step for the repeat violator: the written notice to its owner.
        if (latest is not null)
        {
            var manager = await db
                .RoleAssignments.Where(r => r.Role == Roles.ProjectManager && r.ProjectId == projectId)
                .OrderBy(r => r.CreatedAt)
                .ThenBy(r => r.Id)
                .Select(r => r.UserId)
                .FirstOrDefaultAsync(ct);
            var by = manager == Guid.Empty ? guard.Id : manager;
            var name = await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).FirstAsync(ct);
            var step = ViolationStep.Take(
                latest,
                3,
                3,
                [],
                ViolationStepKind.Notice,
                "约谈前先书面告知",
                by,
                name,
                latest.RecordedAt.AddHours(2)
            );
            step.OwnersTold = 1;
            db.Add(step);
        }
        await db.SaveChangesAsync(ct);
    }
}
