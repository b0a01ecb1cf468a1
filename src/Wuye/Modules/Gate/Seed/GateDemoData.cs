using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.RenovationDocuments;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Seed;

/// <summary>
/// The demo owner's visitors: a cleaner expected today (checked in this morning), a relative expected tomorrow with two entries, a
/// courier waiting at the gate for the owner's word, and a friend let in yesterday who never checked out (the gate's "still inside").
/// </summary>
internal sealed class GateDemoData(TimeProvider clock, PassKeys keys, FileStore files) : IDemoDataContributor
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
        await RenovationsAsync(context, unit, owner.Id, guard.Id, ct);
    }

    /// <summary>
    /// The demo owner's home under renovation (permit issued, two workers, yesterday's checks — one violation not yet put right — a
    /// check missed the day before and a worker refused after hours), a neighbour's application waiting for drawing review and a
    /// finished renovation refunded less a deduction; a cleaner, a milk deliverer and an air-conditioner installer registered.
    /// </summary>
    private async Task RenovationsAsync(DemoSeedContext context, UnitRef unit, Guid ownerId, Guid guardId, CancellationToken ct)
    {
        var db = context.Db;
        var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) ?? guardId;
        var tech = await db.Users.Where(u => u.UserName == "tech").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct) ?? pm;
        var others = await db.UnitRefs()
            .Where(u => u.ProjectId == unit.ProjectId && u.Id != unit.Id && u.ArchivedAt == null)
            .OrderBy(u => u.Id)
            .Take(3)
            .ToListAsync(ct);
        if (others.Count < 2)
            return;
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        DateTimeOffset Ago(double days) => now.AddDays(-days);
        Renovation New(UnitRef u, string contractor, string scope, DateOnly start, DateOnly end, Guid by) =>
            new()
            {
                CompanyId = u.CompanyId,
                ProjectId = u.ProjectId,
                ZoneId = u.ZoneId,
                UnitId = u.Id,
                Contractor = contractor,
                Scope = scope,
                StartDate = start,
                EndDate = end,
                AppliedBy = by,
            };
        var project = await db.ProjectRefs().Where(p => p.Id == unit.ProjectId).Select(p => p.Name).FirstAsync(ct);
        var hours = new RenovationHours(RenovationHours.Default, _ => true).Text;
        async Task Through(Renovation r, double appliedDaysAgo, double permitDaysAgo, decimal deposit, string? conditions)
        {
            var step = (appliedDaysAgo - permitDaysAgo) / 4;
            // The signatures drawn on the phones (stored first: the file store saves as it goes).
            var png = RenovationFiles.DemoSignaturePng(r.Contractor);
            var ownerSig = await files.SaveImageAsync(new MemoryStream(png), "agreement-owner.png", null, r.UnitId, ct);
            var centerSig = await files.SaveImageAsync(
                new MemoryStream(RenovationFiles.DemoSignaturePng(project)),
                "agreement-center.png",
                null,
                r.UnitId,
                ct
            );
            var label = await db.UnitLabels().Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefaultAsync(ct) ?? "";
            var text = RenovationDocuments.AgreementBody(
                label,
                r.Contractor,
                r.Scope,
                r.StartDate,
                r.EndDate,
                conditions is null ? [] : [conditions],
                project,
                hours
            );
            db.Add(r);
            db.Add(r.Applied(r.AppliedBy, Ago(appliedDaysAgo)));
            db.Add(r.ApproveDrawings(pm, Ago(appliedDaysAgo - step), conditions));
            db.Add(r.OwnerSigns(ownerSig.Id, RenovationDocuments.AgreementVersion, text, r.AppliedBy, Ago(appliedDaysAgo - 1.5 * step)));
            db.Add(r.SignAgreement(centerSig.Id, pm, Ago(appliedDaysAgo - 2 * step)));
            db.Add(r.PayFees(deposit, pm, Ago(appliedDaysAgo - 3 * step)));
            db.Add(r.IssuePermit(PassViews.NewCode(), pm, Ago(permitDaysAgo)));
        }

        // The owner's own renovation, in progress.
        var mine = New(unit, "金华美家装饰", "厨卫改造、铺木地板、更换门窗", today.AddDays(-5), today.AddDays(40), ownerId);
        await Through(mine, 12, 6, 3000, "燃气管道不得暗埋；阳台不得封闭外扩");
        RegisteredWorker Worker(
            WorkerKind kind,
            string name,
            string phone,
            string id,
            Renovation? r,
            UnitRef[] served,
            bool height = false
        ) =>
            new()
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = served[0].ZoneId,
                UnitId = served.Length == 1 ? served[0].Id : null,
                RenovationId = r?.Id,
                Kind = kind,
                Name = name,
                Phone = phone,
                IdNumber = id,
                UnitIds = [.. served.Select(u => u.Id)],
                HeightWork = height,
                Code = PassViews.NewCode(),
                ValidTo = r?.EndDate ?? today.AddMonths(6),
                RegisteredBy = guardId,
            };
        var mason = Worker(WorkerKind.Renovation, "泥工 王建军", "13867001122", "330781198503124517", mine, [unit]);
        db.Add(mason);
        db.Add(Worker(WorkerKind.Renovation, "水电工 李国强", "13867003344", "330726199001087731", mine, [unit]));
        db.Add(mine.Note("worker", mason.Name, guardId, Ago(6)));
        db.Add(Worker(WorkerKind.Cleaner, "保洁 刘阿姨", "13905811234", "330102197606153028", null, [unit]));
        db.Add(Worker(WorkerKind.Milk, "送奶 赵师傅", "13958009876", "330106198811204413", null, [unit, others[0], others[1]]));
        db.Add(Worker(WorkerKind.Installer, "空调安装 孙强", "13757105566", "330682199205183319", null, [others[0]], height: true));
        var yesterday = today.AddDays(-1);
        RenovationCheck Check(Renovation r, DateOnly day, CheckKind kind, string? findings, bool violation, Guid by) =>
            new()
            {
                CompanyId = r.CompanyId,
                ProjectId = r.ProjectId,
                ZoneId = r.ZoneId,
                UnitId = r.UnitId,
                RenovationId = r.Id,
                Day = day,
                Kind = kind,
                Findings = findings,
                Violation = violation,
                Missed = by == Guid.Empty,
                By = by == Guid.Empty ? null : by,
                At = by == Guid.Empty ? null : ChinaTime.StartOf(day).AddHours(10).ToUniversalTime(),
            };
        db.Add(Check(mine, yesterday, CheckKind.Engineering, "水电走线符合图纸，防水已做闭水试验", false, tech));
        db.Add(Check(mine, yesterday, CheckKind.Order, "装修垃圾堆放在楼道，未袋装", true, guardId));
        db.Add(mine.Note("violation", "装修垃圾堆放在楼道，未袋装", guardId, Ago(1)));
        db.Add(Check(mine, today.AddDays(-2), CheckKind.Engineering, null, false, Guid.Empty));
        db.Add(mine.Note("missed_check", $"{today.AddDays(-2):yyyy-MM-dd} 工程巡查", Guid.Empty, Ago(1.5)));
        db.Add(mine.Note("refused_after_hours", $"{mason.Name} 12:20 非施工时间要求进场，已拒绝", guardId, Ago(3)));

        // A neighbour's application waiting for the drawings to be reviewed.
        var waiting = New(others[0], "东阳木艺家装", "全屋翻新", today.AddDays(7), today.AddDays(90), Guid.Empty);
        db.Add(waiting);
        db.Add(waiting.Applied(Guid.Empty, Ago(1)));

        // A finished renovation: accepted and refunded, less one deduction.
        var done = New(others[1], "杭州居然装饰", "卫生间改造", today.AddDays(-75), today.AddDays(-20), Guid.Empty);
        await Through(done, 90, 82, 2000, null);
        db.Add(Check(done, today.AddDays(-60), CheckKind.Order, "擅自改动阳台排水", true, guardId));
        db.Add(done.Deduct(200, "擅自改动阳台排水", pm, Ago(60)));
        db.Add(done.RequestAcceptance(pm, Ago(21)));
        db.Add(done.Accept(true, null, pm, Ago(19)));
        db.Add(done.Refund(pm, Ago(18)));
        await db.SaveChangesAsync(ct);
        // The violation on the finished one was put right.
        var fixedUp = await db.Set<RenovationCheck>().FirstAsync(c => c.RenovationId == done.Id && c.Violation, ct);
        fixedUp.Rectify(pm, Ago(58));
        await db.SaveChangesAsync(ct);
    }
}
