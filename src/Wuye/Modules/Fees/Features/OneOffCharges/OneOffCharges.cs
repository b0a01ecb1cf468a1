using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.OneOffCharges;

internal sealed record NewOneOffCharge(Guid? UnitId, Guid? FeeItemId, decimal? Quantity, decimal? Amount) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("unitId", UnitId, "房屋", "Unit").Required("feeItemId", FeeItemId, "收费项目", "Fee item");
        if (Quantity is { } q && (q <= 0 || q > 100_000 || q != Math.Round(q, 2)))
            v.Add("quantity", "数量应大于 0，最多 2 位小数", "The quantity is more than 0, to 2 decimals");
        if (Amount is { } a && (a <= 0 || a > Payment.MaxAmount || a != Math.Round(a, 2)))
            v.Add("amount", "金额应大于 0，精确到分", "The amount must be more than 0, to the fen");
        if (Quantity is not null && Amount is not null)
            v.Add("amount", "填写数量（按单价计）或金额之一", "Give a quantity (at the item's price) or an amount, not both");
    }
}

/// <summary>
/// 一次性收费: POST /bills/one-off raises a one-off bill on a home (a project's one-off fee item × quantity, or an amount the
/// desk gives), due the item's days later; held credit pays it; the owners are told. Other modules raise theirs through
/// <see cref="Contracts.IOneOffCharges"/> (装修押金 from the renovation, collected and refunded there), one bill per source.
/// </summary>
internal sealed class OneOffChargesHandler(WuyeDb db, TimeProvider clock, CreditApplier credit, BillNotices notices)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Bills(api)
            .MapPost("/one-off", async (OneOffChargesHandler h, NewOneOffCharge body, CancellationToken ct) =>
            {
                var bill = await h.ChargeAsync(body, Guid.CreateVersion7(), true, ct);
                var dto = await BillQueries.LoadAsync(h.Db, h.Db.Set<Bill>().Where(b => b.Id == bill.Id), ChinaTime.Today(h.Clock), ct);
                return TypedResults.Created($"/api/v1/bills/{bill.Id}", dto[0]);
            })
            .RequireRoles(FeeRoles.Cashiers)
            .WithSummary(
                "Raise a one-off charge on a home (a one-off fee item × quantity, or an amount): a bill due the item's days later"
            );

    public WuyeDb Db => db;
    public TimeProvider Clock => clock;

    /// <summary>The source's one-off bill (raised once). <paramref name="owed"/>: left for the owner to pay (held credit pays it,
    /// the owners are told); otherwise the caller collects it at once.</summary>
    public async Task<Bill> ChargeAsync(NewOneOffCharge input, Guid sourceId, bool owed, CancellationToken ct)
    {
        Validator.Check(input);
        if (await db.Set<Bill>().Include(b => b.Lines).FirstOrDefaultAsync(b => b.SourceId == sourceId, ct) is { } done)
            return done;
        var unit = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.Id == input.UnitId && u.ArchivedAt == null)
            .Select(u => new BillTarget(u.CompanyId, u.ProjectId, u.ZoneId, u.Id, u.BuildingId, u.Area, u.UnitType, 0))
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("unitId", "房屋不存在或无权访问", "Unit not found, or not yours");
        var item = await db.Set<FeeItem>()
            .AsNoTracking()
            .FirstOrDefaultAsync(
                i => i.Id == input.FeeItemId && i.ProjectId == unit.ProjectId && i.Kind == FeeKind.OneOff && i.ArchivedAt == null,
                ct
            )
            ?? throw ValidationException.For(
                "feeItemId",
                "请选择该房屋所在项目在用的一次性收费项目",
                "Choose a one-off fee item in use in the home's project"
            );
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime);
        var (quantity, price) = input.Amount is { } amount ? (1m, amount) : (input.Quantity ?? 1m, item.UnitPrice);
        var basis = input.Amount is { } a ? $"{a:0.00} {Loc.T("元", "yuan")}" : null;
        var bill = Bill.Charge(unit, Periods.Of(today), now, today, item, quantity, sourceId, basis, price);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        db.Add(bill);
        await db.SaveChangesAsync(ct);
        if (owed)
        {
            await credit.ApplyAsync(unit.ProjectId, [unit.UnitId], now, ct);
            await notices.SendAsync(unit.CompanyId, [bill], ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return bill;
    }
}
