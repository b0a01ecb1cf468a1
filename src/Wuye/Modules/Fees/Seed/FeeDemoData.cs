using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.GenerateBills;
using Wuye.Modules.Fees.Features.UtilityReadings;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Demo;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Seed;

/// <summary>
/// Fee items for every project (management fee per m², refuse collection, parking rent, water by meter, the renovation
/// deposit), this month's water readings of the demo owner's building with their metered bills, the bills
/// of this month and the two before issued by the app's own generation, payments at the desk over
/// those months (most on time, some late, some partial, a few ahead as credit), and older unpaid
/// bills for a few households so the arrears age into every bucket. The collection rates are
/// computed by the app from these records. The demo owner's bill of this month is left to pay.
/// </summary>
internal sealed class FeeDemoData(
    TimeProvider clock,
    GenerateBillsHandler generate,
    UtilityReadingsHandler readings,
    IOptions<FeesOptions> options
) : IDemoDataContributor
{
    public int Order => 60;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var now = clock.GetUtcNow();
        var current = Periods.Of(ChinaTime.Today(clock));
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.CompanyId,
                p.Kind,
            })
            .ToListAsync(ct);
        foreach (var p in projects)
        foreach (var item in Items(p.CompanyId, p.Id, p.Kind))
            db.Add(item);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var ownerUser = await db.Users.Where(u => u.UserName == "owner").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var ownerUnits = (
            await db.OccupantRefs()
                .Where(o => db.PersonRefs().Any(x => x.Id == o.PersonId && x.UserId == ownerUser))
                .Select(o => o.UnitId)
                .ToListAsync(ct)
        ).ToHashSet();

        // The desk of the demo project is customer service "service"; elsewhere the company's manager takes the money.
        var service = await db
            .Users.Where(u => u.UserName == "service")
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.UserName! })
            .FirstOrDefaultAsync(ct);
        var serviceProject = service is null
            ? null
            : await db
                .RoleAssignments.Where(r => r.UserId == service.Id)
                .OrderBy(r => r.Id)
                .Select(r => r.ProjectId)
                .FirstOrDefaultAsync(ct);
        var managers = await DemoStaff.CompanyManagersAsync(db, ct);
        var history = ctx.Size == "small" ? projects : projects.Take(3).ToList();
        var months =
            ctx.Size == "small" ? new[] { Periods.Previous(Periods.Previous(current)), Periods.Previous(current), current } : [current];
        foreach (var p in history)
        {
            var late = await OldArrearsAsync(db, rng, p.Id, months[0], ct);
            foreach (var period in months)
            {
                var start = ChinaTime.StartOf(Periods.FirstDay(period)).ToUniversalTime();
                await generate.HandleAsync(p.Id, period, notify: period == current, ct, issuedAt: start.AddHours(1));
                db.ChangeTracker.Clear();
                var cashier =
                    p.Id == serviceProject && service is not null ? service.Name
                    : managers.TryGetValue(p.CompanyId, out var m) ? m.Name
                    : Loc.T("前台", "Front desk");
                await PayAsync(db, rng, p.Id, period, period == current, late, ownerUnits, cashier, start.AddHours(2), now, ct);
                db.ChangeTracker.Clear();
            }
            await RemindersAsync(db, rng, p.Id, options.Value.Reminders, ct);
        }
        await ReadingsAsync(db, rng, ownerUnits, current, ct);
    }

    /// <summary>
    /// The reminders the hourly job would have sent on the overdue bills (notice, SMS, visit on their days past due, dated
    /// then, messages not re-sent), and what the zone's steward found on about half of the visits.
    /// </summary>
    private async Task RemindersAsync(WuyeDb db, Random rng, Guid projectId, ReminderOptions o, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var firstDue = today.AddDays(-o.NoticeDays);
        var bills = await db.Set<Bill>()
            .AsNoTracking()
            .Where(b => b.ProjectId == projectId && b.Paid < b.Amount && b.DueDate <= firstDue)
            .OrderBy(b => b.UnitId)
            .ThenBy(b => b.DueDate)
            .ThenBy(b => b.Id)
            .ToListAsync(ct);
        var stewards = await db.ZoneRefs()
            .Where(z => z.ProjectId == projectId && z.StewardUserId != null)
            .ToDictionaryAsync(z => z.Id, z => z.StewardUserId!.Value, ct);
        var names = await db
            .Users.Where(u => stewards.Values.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName ?? u.UserName ?? "?", ct);
        string[] refusals = ["电梯经常停运，报修多次未解决", "楼道漏水至今未修好", "认为物业费与服务不相符，要求先整改"];
        foreach (var unit in bills.GroupBy(b => b.UnitId))
        {
            var outcome = rng.Next(4);
            foreach (var b in unit)
            foreach (
                var (step, days) in new[]
                {
                    (ReminderStep.Notice, o.NoticeDays),
                    (ReminderStep.Sms, o.SmsDays),
                    (ReminderStep.Visit, o.VisitDays),
                }
            )
            {
                if (Ageing.DaysPastDue(b.DueDate, today) < days)
                    break;
                var at = ChinaTime.StartOf(b.DueDate.AddDays(days)).ToUniversalTime().AddHours(10);
                Guid? steward = b.ZoneId is { } z && stewards.TryGetValue(z, out var s) ? s : null;
                var r = new ArrearsReminder
                {
                    CompanyId = b.CompanyId,
                    ProjectId = b.ProjectId,
                    ZoneId = b.ZoneId,
                    UnitId = b.UnitId,
                    BillId = b.Id,
                    Step = step,
                    SentAt = at,
                    DaysPastDue = days,
                    Owed = b.Amount - b.Paid,
                    Recipients = 1,
                    StewardUserId = step == ReminderStep.Visit ? steward : null,
                };
                // About half of the households visited have an outcome recorded three days after the visit was asked.
                if (step == ReminderStep.Visit && steward is { } st && outcome < 2 && b.DueDate.AddDays(days + 3) < today)
                    r.RecordVisit(
                        outcome == 0 ? VisitOutcome.Refused : VisitOutcome.Promised,
                        outcome == 0 ? refusals[rng.Next(refusals.Length)] : "业主表示下月初缴清",
                        outcome == 0 ? null : b.DueDate.AddDays(days + 30),
                        st,
                        names.GetValueOrDefault(st) ?? "?",
                        at.AddDays(3)
                    );
                db.Add(r);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static IEnumerable<FeeItem> Items(Guid companyId, Guid projectId, ProjectKind kind)
    {
        FeeItem Item(string name, FeeKind k, decimal price, string? unitType = null, string? usageUnit = null) =>
            new()
            {
                CompanyId = companyId,
                ProjectId = projectId,
                Name = name,
                Kind = k,
                UnitPrice = price,
                UnitType = unitType,
                Rounding = RoundingRule.HalfUp,
                DueDay = 15,
                GraceDays = 15,
                LateFeeDailyRate = 0.0005m,
                LateFeeCap = 0.2m,
                UsageUnit = usageUnit,
            };
        if (kind == ProjectKind.Office)
        {
            yield return Item("写字楼物业管理费", FeeKind.AreaBased, 6.8m, "办公");
            yield return Item("电费", FeeKind.Metered, 1.2m, usageUnit: "度");
            yield return Item("装修押金", FeeKind.OneOff, 5000m);
            yield break;
        }
        yield return Item("物业管理费", FeeKind.AreaBased, 2.3m);
        yield return Item("生活垃圾清运费", FeeKind.Fixed, 10m);
        yield return Item("车位租金", FeeKind.ParkingRent, 300m);
        yield return Item("水费", FeeKind.Metered, 3.5m, usageUnit: "吨");
        yield return Item("装修押金", FeeKind.OneOff, 2000m);
    }

    /// <summary>
    /// This month's water readings (抄表) of the demo owner's building, taken by the app's own reading path: each home's first
    /// reading with its meter's starting figure, so each home with usage gets its metered bill (水费) to pay.
    /// </summary>
    private async Task ReadingsAsync(WuyeDb db, Random rng, HashSet<Guid> ownerUnits, int period, CancellationToken ct)
    {
        var building = await db.UnitRefs()
            .Where(u => ownerUnits.Contains(u.Id))
            .OrderBy(u => u.Id)
            .Select(u => new { u.BuildingId, u.ProjectId })
            .FirstOrDefaultAsync(ct);
        if (building is null)
            return;
        var water = await db.Set<FeeItem>()
            .Where(i => i.ProjectId == building.ProjectId && i.Kind == FeeKind.Metered && i.ArchivedAt == null)
            .OrderBy(i => i.Name)
            .Select(i => (Guid?)i.Id)
            .FirstOrDefaultAsync(ct);
        if (water is null)
            return;
        var sheet = await readings.SheetAsync(water, Periods.Text(period), building.BuildingId, ct);
        var rows = sheet
            .Select(r =>
            {
                var start = rng.Next(100, 900);
                return new ReadingRow(r.UnitId, start + rng.Next(4, 26), start);
            })
            .ToList();
        if (rows.Count > 0)
            await readings.RecordAsync(new NewReadings(water, Periods.Text(period), null, rows), ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Unpaid bills of earlier months (up to 14 back) for about one household in thirty; returns those units.</summary>
    private static async Task<HashSet<Guid>> OldArrearsAsync(WuyeDb db, Random rng, Guid projectId, int firstPeriod, CancellationToken ct)
    {
        var items = await db.Set<FeeItem>()
            .AsNoTracking()
            .Where(i => i.ProjectId == projectId)
            .OrderBy(i => i.Name)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        var units = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.ProjectId == projectId && u.ArchivedAt == null && u.HandoverDate != null)
            .OrderBy(u => u.Id)
            .Select(u => new BillTarget(u.CompanyId, u.ProjectId, u.ZoneId, u.Id, u.BuildingId, u.Area, u.UnitType, 0))
            .ToListAsync(ct);
        var late = new HashSet<Guid>();
        var handover = await db.UnitRefs().Where(u => u.ProjectId == projectId).ToDictionaryAsync(u => u.Id, u => u.HandoverDate, ct);
        foreach (var u in units)
        {
            if (rng.Next(30) != 0)
                continue;
            var back = rng.Next(1, 13);
            var period = firstPeriod;
            for (var i = 0; i < back; i++)
            {
                period = Periods.Previous(period);
                if (handover[u.UnitId] is not { } h || h > Periods.LastDay(period))
                    break;
                var charges = items
                    .Where(x => x.Kind is FeeKind.AreaBased or FeeKind.Fixed && x.AppliesTo(u.UnitType))
                    .Select(x => (x, x.Kind == FeeKind.AreaBased ? u.Area ?? 0 : 1m))
                    .Where(x => x.Item2 > 0)
                    .ToList();
                if (charges.Count == 0)
                    break;
                db.Add(Bill.Issue(u, period, ChinaTime.StartOf(Periods.FirstDay(period)).ToUniversalTime().AddHours(1), charges));
                late.Add(u.UnitId);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return late;
    }

    /// <summary>The month's payments at the desk, each paying the household's oldest lines first.</summary>
    private static async Task PayAsync(
        WuyeDb db,
        Random rng,
        Guid projectId,
        int period,
        bool isCurrent,
        HashSet<Guid> late,
        HashSet<Guid> ownerUnits,
        string cashier,
        DateTimeOffset from,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var open = (await db.Set<Bill>().Include(b => b.Lines).Where(b => b.ProjectId == projectId && b.Paid < b.Amount).ToListAsync(ct))
            .GroupBy(b => b.UnitId)
            .OrderBy(g => g.Key)
            .ToList();
        var payments = new List<(Payment Payment, List<Bill> Bills)>();
        var until = isCurrent ? now : ChinaTime.StartOf(Periods.FirstDay(Periods.Next(period))).ToUniversalTime();
        var span = (until - from).TotalMinutes;
        foreach (var g in open)
        {
            var bills = g.ToList();
            var owed = bills.Sum(b => b.Amount - b.Paid);
            var thisMonth = bills.Where(b => b.Period == period).Sum(b => b.Amount - b.Paid);
            var r = rng.Next(100);
            decimal amount;
            if (ownerUnits.Contains(g.Key) && isCurrent)
                continue;
            if (late.Contains(g.Key))
                amount = !isCurrent && r < 25 ? owed : 0;
            else if (isCurrent)
                amount =
                    r < 55 ? owed
                    : r < 58 ? Money.Round(thisMonth / 2)
                    : 0;
            else
                amount =
                    r < 1 ? owed + thisMonth * 3
                    : r < 88 ? owed
                    : r < 92 ? thisMonth
                    : r < 94 ? Money.Round(thisMonth / 2)
                    : 0;
            if (amount <= 0 || span <= 1)
                continue;
            var at = from.AddMinutes(rng.NextDouble() * (span - 1));
            payments.Add(
                (
                    new Payment
                    {
                        CompanyId = bills[0].CompanyId,
                        ProjectId = projectId,
                        ZoneId = bills[0].ZoneId,
                        UnitId = g.Key,
                        ReceiptNumber = "",
                        Method = rng.Next(3) == 0 ? PaymentMethod.Cash : PaymentMethod.Transfer,
                        Amount = amount,
                        PaidAt = at,
                        ReceivedByName = cashier,
                    },
                    bills
                )
            );
        }
        if (payments.Count == 0)
            return;
        // The company's receipt numbers in the order the payments were made.
        payments.Sort((a, b) => a.Item1.PaidAt.CompareTo(b.Item1.PaidAt));
        var last = await ReceiptCounter.TakeAsync(db, payments[0].Item1.CompanyId, payments.Count, ct);
        var allocations = new List<PaymentAllocation>();
        for (var i = 0; i < payments.Count; i++)
        {
            var (pay, bills) = payments[i];
            pay.ReceiptNumber = ReceiptNumbers.Format(pay.PaidAt, last - payments.Count + 1 + i);
            allocations.AddRange(pay.Allocate(bills.SelectMany(b => b.Lines.Select(l => (b, l))), pay.PaidAt));
        }
        // The new payments and allocations by COPY with their audit rows; the bills and lines they paid are saved by the context.
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, [.. payments.Select(p => p.Payment)], now, ct);
        await BulkWriter.InsertAsync(db, allocations, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
