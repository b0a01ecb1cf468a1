using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.MeterReadings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Seed;

/// <summary>
/// Meters of the demo technician's project (写字楼 energy): an electricity master meter with two sub-meters, and a water meter; a
/// year of monthly readings recorded through the app's own reading use case (consumption and anomaly rules computed by it), the
/// last month's reading of one sub-meter about five times its usual use, flagged and given to the technician.
/// </summary>
internal sealed class MeterDemoData(TimeProvider clock, Notifier notifier) : IDemoDataContributor
{
    public int Order => 66;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var tech = await db.Users.FirstOrDefaultAsync(u => u.UserName == "tech", ct);
        if (tech is null)
            return;
        var grant = await db.RoleAssignments.FirstOrDefaultAsync(
            r => r.UserId == tech.Id && r.Role == Roles.Technician && r.ProjectId != null,
            ct
        );
        if (grant is null)
            return;
        var project = await db.ProjectRefs().FirstAsync(p => p.Id == grant.ProjectId, ct);
        var today = ChinaTime.Today(clock);
        Meter New(string code, string name, MeterKind kind, Meter? master, decimal multiplier) =>
            new()
            {
                CompanyId = project.CompanyId,
                ProjectId = project.Id,
                Code = code,
                Name = name,
                Kind = kind,
                MasterMeterId = master?.Id,
                Multiplier = multiplier,
                RolloverAt = kind == MeterKind.Electricity ? 1_000_000m : 100_000m,
                VerifiedOn = today.AddMonths(-10),
                VerificationDueOn = today.AddMonths(kind == MeterKind.Water ? -1 : 14),
                ResponsibleUserId = tech.Id,
            };
        var master = New("E-01", "配电房总表", MeterKind.Electricity, null, 80m);
        var lift = New("E-01-1", "电梯及水泵分表", MeterKind.Electricity, master, 80m);
        var lights = New("E-01-2", "公共照明分表", MeterKind.Electricity, master, 80m);
        var water = New("W-01", "生活用水总表", MeterKind.Water, null, 1m);
        db.AddRange(master, lift, lights, water);
        await db.SaveChangesAsync(ct);
        // Monthly use in the meter's own units (before the multiplier), with the summer peak; the last month's lighting reading is
        // about five times its usual use (a fault or a misread) and is flagged by the rules.
        var usual = new Dictionary<Meter, decimal>
        {
            [lift] = 60m,
            [lights] = 40m,
            [water] = 900m,
        };
        var values = new Dictionary<Meter, decimal>
        {
            [master] = 20_000m,
            [lift] = 8_000m,
            [lights] = 5_000m,
            [water] = 30_000m,
        };
        var record = new RecordMeterReadingHandler(db, clock, notifier);
        var last = today.Day >= 25 ? today : today.AddMonths(-1);
        for (var i = 12; i >= 0; i--)
        {
            var month = last.AddMonths(-i);
            var day = new DateOnly(month.Year, month.Month, 25);
            var season = month.Month is >= 6 and <= 9 ? 1.4m : 1m;
            decimal subs = 0;
            foreach (var m in new[] { lift, lights, water })
            {
                var use =
                    i == 12 ? 0
                    : i == 0 && m == lights ? usual[m] * season * 5
                    : Math.Round(usual[m] * season * (0.9m + (decimal)rng.NextDouble() * 0.2m), 0);
                values[m] += use;
                if (m != water)
                    subs += use;
                await record.RecordAsync(new ReadingInput(m.Id, values[m], day), ReadingSource.Import, ct);
            }
            // The master also feeds its own losses (about 5%).
            values[master] += i == 12 ? 0 : Math.Round(subs * 1.05m, 0);
            await record.RecordAsync(new ReadingInput(master.Id, values[master], day), ReadingSource.Import, ct);
        }
    }
}
