using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Seed;

/// <summary>
/// The demo owner's visitors: a cleaner expected today (checked in this morning), a relative expected tomorrow with two entries, a
/// courier waiting at the gate for the owner's word, and a friend let in yesterday who never checked out (the gate's "still inside").
/// </summary>
internal sealed class GateDemoData(TimeProvider clock, PassKeys keys) : IDemoDataContributor
{
    public int Order => 70;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var owner = await db.Users.FirstOrDefaultAsync(u => u.UserName == "owner", ct);
        var guard = await db.Users.FirstOrDefaultAsync(u => u.UserName == "guard", ct);
        if (owner is null || guard is null)
            return;
        var persons = db.PersonRefs();
        var unitId = await db.OccupantRefs()
            .Where(o => persons.Any(p => p.Id == o.PersonId && p.UserId == owner.Id))
            .OrderBy(o => o.Id)
            .Select(o => (Guid?)o.UnitId)
            .FirstOrDefaultAsync(ct);
        if (unitId is null)
            return;
        var unit = await db.UnitRefs().FirstAsync(u => u.Id == unitId, ct);
        var now = clock.GetUtcNow();
        var today = ChinaTime.StartOf(ChinaTime.Today(clock)).ToUniversalTime();

        async Task<VisitorPass> PassAsync(string name, string? phone, DateTimeOffset from, DateTimeOffset to, int entries, int people)
        {
            var pass = new VisitorPass
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
                Kind = PassKind.PreRegistered,
                Status = PassStatus.Active,
                VisitorName = name,
                VisitorPhone = phone,
                People = people,
                ValidFrom = from,
                ValidTo = to,
                MaxEntries = entries,
                Code = PassViews.NewCode(),
                RegisteredBy = owner.Id,
            };
            pass.Payload = await keys.SignAsync(
                unit.CompanyId,
                new PassClaims(pass.Id, pass.ProjectId, pass.ValidFrom, pass.ValidTo, pass.MaxEntries, pass.People),
                ct
            );
            db.Add(pass);
            return pass;
        }

        var cleaner = await PassAsync("保洁 刘阿姨", "13905811234", today.AddHours(-1), today.AddHours(16), 2, 1);
        var morning = today.AddHours(1.5) < now ? today.AddHours(1.5) : now;
        db.Add(cleaner.Enter(morning, guard.Id, typed: false));
        await PassAsync("表妹 钱晓雨", "13705810001", today.AddDays(1), today.AddDays(2).AddHours(-2), 2, 3);
        var friend = await PassAsync("朋友 周建国", null, today.AddDays(-1).AddHours(2), today.AddHours(-2), 1, 1);
        db.Add(friend.Enter(today.AddDays(-1).AddHours(11), guard.Id, typed: true));
        db.Add(
            new VisitorPass
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
                Kind = PassKind.WalkIn,
                Status = PassStatus.AwaitingOwner,
                VisitorName = "快递 陈师傅",
                VisitorPhone = "13812345678",
                People = 1,
                ValidFrom = now,
                ValidTo = today.AddDays(1),
                MaxEntries = 1,
                Code = PassViews.NewCode(),
                RegisteredBy = guard.Id,
                CallNote = "业主电话未接通",
            }
        );
        await db.SaveChangesAsync(ct);
    }
}
