using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Jobs;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;
using static Wuye.Tests.Kit.Clocks;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// The collection rates come from the tally PostgreSQL keeps as bills and allocations are written (migration 0150). Here the
/// rates the API answers are compared, period by period and building by building, with the rates recounted from the bills and
/// payments themselves by <see cref="CollectionFigures.From"/> (what each figure is), over four months of a project of two
/// buildings: partial, late and advance payments, held credit applied by the next month's run, water bills of readings and a
/// one-off deposit (which stays out of the rates). Then the tally job folds the appended changes, and nothing moves.
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class FeeCollectionTallyTests
{
    private readonly FakeTimeProvider _clock = At(China(2026, 11, 2, 9).ToUniversalTime());
    private readonly WuyeApp _app;

    public FeeCollectionTallyTests(SharedApp shared) => _app = shared.Use(_clock);

    [Fact]
    public async Task The_rates_read_from_the_tally_equal_the_rates_recounted_from_the_bills_and_payments_in_every_period_and_building()
    {
        var site = await FeeTestKit.SiteAsync(_app, "收缴台账苑");
        // A second building with one home (143.21 m², 四室两厅).
        var (building2, home4) = await _app.DbAsync(async db =>
        {
            var b = new Building
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                Name = "2幢",
                Floors = 6,
            };
            var u = new Unit
            {
                CompanyId = site.Company,
                ProjectId = site.Project,
                BuildingId = b.Id,
                Number = "201",
                Area = 143.21m,
                UnitType = "四室两厅",
                HandoverDate = new DateOnly(2020, 6, 1),
            };
            db.AddRange(b, u);
            await db.SaveChangesAsync();
            return (b.Id, u.Id);
        });
        Guid[] homes = [.. site.Units, home4];
        var pm = await _app.As("manager");
        await FeeTestKit.FeeItemsAsync(pm, site.Project);
        var water = (
            await pm.PostJsonAsync(
                    "/api/v1/fee-items",
                    new
                    {
                        projectId = site.Project,
                        name = "水费",
                        kind = "metered",
                        unitPrice = 3.5m,
                        usageUnit = "吨",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var deposit = (
            await pm.PostJsonAsync(
                    "/api/v1/fee-items",
                    new
                    {
                        projectId = site.Project,
                        name = "装修押金",
                        kind = "oneOff",
                        unitPrice = 2000m,
                        dueDay = 7,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        Task Generate(string period) => pm.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period }).OkAsync();
        Task Pay(Guid unit, decimal amount) =>
            pm.PostJsonAsync(
                    "/api/v1/payments",
                    new
                    {
                        unitId = unit,
                        amount,
                        method = "cash",
                    }
                )
                .OkAsync();
        Task Read(string period, Guid unit, decimal previous, decimal reading) =>
            pm.PostJsonAsync(
                    "/api/v1/utility-readings",
                    new
                    {
                        feeItemId = water,
                        period,
                        readings = new object[]
                        {
                            new
                            {
                                unitId = unit,
                                reading,
                                previous,
                            },
                        },
                    }
                )
                .OkAsync();

        // November: home 1 pays in full, home 2 a part; home 4's water is read.
        await Generate("2026-11");
        await Pay(homes[0], 300m);
        await Pay(homes[1], 100m);
        await Read("2026-11", home4, 10m, 22m);
        // December: home 2 pays more (November first), home 3 a little; a deposit on home 3 is paid with it.
        _clock.SetUtcNow(China(2026, 12, 3, 10).ToUniversalTime());
        _app.ForgetTokens();
        pm = await _app.As("manager");
        await Generate("2026-12");
        await Pay(homes[1], 250m);
        await pm.PostJsonAsync("/api/v1/bills/one-off", new { unitId = homes[2], feeItemId = deposit }).OkAsync();
        await Pay(homes[2], 50m);
        await Read("2026-12", home4, 22m, 40m);
        // January: home 4 pays everything and 1,000 ahead; home 1 pays a little of January.
        _clock.SetUtcNow(China(2027, 1, 6, 11).ToUniversalTime());
        _app.ForgetTokens();
        pm = await _app.As("manager");
        await Generate("2027-01");
        await Pay(home4, 2000m);
        await Pay(homes[0], 10m);
        // February: the run applies home 4's credit to its new bill.
        _clock.SetUtcNow(China(2027, 2, 2, 9).ToUniversalTime());
        _app.ForgetTokens();
        pm = await _app.As("manager");
        await Generate("2027-02");
        await Read("2027-02", homes[0], 5m, 9m);

        var periods = new[] { 202610, 202611, 202612, 202701, 202702, 202703 };
        async Task Compare(string when)
        {
            foreach (var p in periods)
            {
                var expected = await RecountAsync(site.Project, p);
                var answer = await pm.GetJsonAsync(
                    $"/api/v1/collection-rates?projectId={site.Project}&period={Periods.Text(p)}&groupBy=building"
                );
                Assert.Equal(Figures(expected.GetValueOrDefault(Guid.Empty)), Figures(answer.GetProperty("total")));
                var rows = answer.GetProperty("rows").EnumerateArray().ToDictionary(r => Guid.Parse(r.GetProperty("key").GetString()!));
                Assert.Equal(expected.Keys.Where(k => k != Guid.Empty).Order(), rows.Keys.Order());
                foreach (var (key, row) in rows)
                    Assert.True(Figures(expected[key]) == Figures(row), $"{when}, {p}, building {key}");
            }
        }
        await Compare("before the fold");
        // Something was billed and collected in both buildings, and home 4 owed old arrears it paid back in January.
        var jan = await RecountAsync(site.Project, 202701);
        Assert.True(jan[building2].RecoveryByHouseholds == new Rate(1, 1), jan[building2].ToString());
        Assert.True(jan[Guid.Empty].CurrentByAmount.Denominator > 0 && jan[Guid.Empty].RecoveryByAmount.Numerator > 0);

        Assert.True(await _app.Services.GetRequiredService<CollectionTallyJob>().RunOnceAsync() > 0);
        Assert.Equal(0, await _app.DbAsync(db => db.Set<CollectionTallyChange>().CountAsync(t => t.ProjectId == site.Project)));
        await Compare("after the fold");
    }

    private static (decimal, decimal, decimal, decimal, decimal, decimal, decimal, decimal) Figures(CollectionFigures? f) =>
        f is null
            ? default
            : (
                f.CurrentByAmount.Numerator,
                f.CurrentByAmount.Denominator,
                f.CurrentByHouseholds.Numerator,
                f.CurrentByHouseholds.Denominator,
                f.RecoveryByAmount.Numerator,
                f.RecoveryByAmount.Denominator,
                f.RecoveryByHouseholds.Numerator,
                f.RecoveryByHouseholds.Denominator
            );

    private static (decimal, decimal, decimal, decimal, decimal, decimal, decimal, decimal) Figures(JsonElement r)
    {
        (decimal, decimal) Of(string name) =>
            (r.GetProperty(name).GetProperty("numerator").GetDecimal(), r.GetProperty(name).GetProperty("denominator").GetDecimal());
        var (a, b) = Of("currentByAmount");
        var (c, d) = Of("currentByHouseholds");
        var (e, f) = Of("recoveryByAmount");
        var (g, h) = Of("recoveryByHouseholds");
        return (a, b, c, d, e, f, g, h);
    }

    /// <summary>
    /// The period's figures per building (and Guid.Empty: the project) recounted from the bills and allocations: this period's
    /// bills with what was paid and credited by the end, the earlier bills with what they owed at the start and got back since.
    /// </summary>
    private async Task<Dictionary<Guid, CollectionFigures>> RecountAsync(Guid project, int p)
    {
        var start = ChinaTime.StartOf(Periods.FirstDay(p)).ToUniversalTime();
        var next = ChinaTime.StartOf(Periods.FirstDay(Periods.Next(p))).ToUniversalTime();
        var now = _clock.GetUtcNow();
        var end = now < next ? now.AddMilliseconds(1) : next;
        var (bills, allocations) = await _app.DbAsync(async db =>
            (
                await db.Set<Bill>().Where(b => b.ProjectId == project && b.Kind != BillKind.OneOff && b.Period <= p).ToListAsync(),
                await db.Set<PaymentAllocation>().Where(a => a.ProjectId == project).ToListAsync()
            )
        );
        var byBill = allocations.ToLookup(a => a.BillId);
        CurrentBill Current(Bill b)
        {
            var credit = byBill[b.Id].Where(a => a.CreditNote && a.At < end).Sum(a => a.Amount);
            return new(b.UnitId, b.Amount - credit, byBill[b.Id].Where(a => !a.CreditNote && a.At < end).Sum(a => a.Amount));
        }
        OldBill Old(Bill b)
        {
            var before = byBill[b.Id].Where(a => a.At < start).Sum(a => a.Amount);
            var credited = byBill[b.Id].Where(a => a.CreditNote && a.At >= start && a.At < end).Sum(a => a.Amount);
            var recovered = byBill[b.Id].Where(a => !a.CreditNote && a.At >= start && a.At < end).Sum(a => a.Amount);
            return new(b.UnitId, b.Amount - before - credited, recovered);
        }
        CollectionFigures Of(IEnumerable<Bill> some)
        {
            var list = some.ToList();
            return CollectionFigures.From(list.Where(b => b.Period == p).Select(Current), list.Where(b => b.Period < p).Select(Old));
        }
        // A building with nothing billed in the period and nothing owed at its start is not a row of the answer.
        static bool Something(CollectionFigures f) => f.CurrentByAmount.Denominator != 0 || f.RecoveryByAmount.Denominator != 0;
        var result = bills.GroupBy(b => b.BuildingId).ToDictionary(g => g.Key, g => Of(g)).Where(kv => Something(kv.Value)).ToDictionary();
        if (result.Count > 0)
            result[Guid.Empty] = Of(bills);
        return result;
    }
}
