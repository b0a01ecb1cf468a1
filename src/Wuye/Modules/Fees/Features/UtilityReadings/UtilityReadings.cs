using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.UtilityReadings;

internal sealed record ReadingRow(Guid? UnitId, decimal? Reading, decimal? Previous);

internal sealed record NewReadings(Guid? FeeItemId, string? Period, DateOnly? ReadOn, List<ReadingRow>? Readings) : IValidatable
{
    public const int MaxRows = 2000;

    public void Validate(Validator v)
    {
        v.Required("feeItemId", FeeItemId, "收费项目", "Fee item").Required("period", Period, "账期", "Period");
        if (Period is { Length: > 0 } && Periods.Parse(Period) is null)
            v.Add("period", "账期格式应为 yyyy-MM，如 2026-12", "The period is yyyy-MM, e.g. 2026-12");
        if (Readings is not { Count: > 0 })
            v.Add("readings", "请至少填写一户的读数", "Enter at least one home's reading");
        else if (Readings.Count > MaxRows)
            v.Add("readings", $"一次最多录入 {MaxRows} 户", $"At most {MaxRows} homes at once");
        else
        {
            var seen = new HashSet<Guid>();
            for (var i = 0; i < Readings.Count; i++)
            {
                var r = Readings[i];
                v.Required($"readings[{i}].unitId", r.UnitId, "房屋", "Unit")
                    .Required($"readings[{i}].reading", r.Reading, "读数", "Reading");
                if (r.UnitId is { } u && !seen.Add(u))
                    v.Add($"readings[{i}].unitId", "同一户在本次录入中出现了两次", "This home appears twice in the batch");
            }
        }
    }
}

internal sealed record ReadingDto(
    Guid Id,
    Guid UnitId,
    string UnitLabel,
    Guid FeeItemId,
    string FeeItemName,
    int Period,
    string PeriodText,
    decimal Previous,
    decimal Current,
    decimal Usage,
    string? UsageUnit,
    DateOnly ReadOn,
    string ReadByName,
    Guid? BillId,
    decimal? Amount
);

/// <summary>A line of the reading sheet (抄表单): a home the item applies to, its last reading and this period's, if taken.</summary>
internal sealed record SheetRow(Guid UnitId, string UnitLabel, int? LastPeriod, decimal? LastReading, ReadingDto? ThisPeriod);

/// <summary>
/// 抄表: POST /utility-readings records a batch of household meter readings for a metered fee item and period, all or none
/// (each bad row answered by its index), and raises each home's metered bill for its usage at once (reading × price, the
/// basis shows both readings; due the item's 缴费期限 days later; held credit pays it; the owners are told). GET answers the
/// reading sheet of the item's homes (a building's, when given) with their last readings.
/// </summary>
internal sealed class UtilityReadingsHandler(WuyeDb db, TimeProvider clock, UserNames names, CreditApplier credit, BillNotices notices)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/utility-readings").WithTags("Fees");
        g.MapGet("/", async (UtilityReadingsHandler h, Guid? feeItemId, string? period, Guid? buildingId, CancellationToken ct) =>
                TypedResults.Ok(await h.SheetAsync(feeItemId, period, buildingId, ct))
            )
            .RequireRoles(FeeRoles.Readers)
            .WithSummary("The reading sheet of a metered fee item for a period: each home, its last reading and this period's");
        g.MapPost("/", async (UtilityReadingsHandler h, NewReadings body, CancellationToken ct) =>
                TypedResults.Ok(await h.RecordAsync(body, ct))
            )
            .RequireRoles(FeeRoles.Cashiers)
            .WithSummary("Record household meter readings (all or none); each usage raises the home's metered bill at once");
    }

    public async Task<List<ReadingDto>> RecordAsync(NewReadings input, CancellationToken ct)
    {
        Validator.Check(input);
        var item = await MeteredItemAsync(input.FeeItemId!.Value, ct);
        var period = Periods.Parse(input.Period)!.Value;
        var today = DateOnly.FromDateTime(ChinaTime.Now(clock).DateTime);
        var readOn = input.ReadOn ?? today;
        if (readOn > today)
            throw ValidationException.For("readOn", "抄表日期不能晚于今天", "The reading date cannot be in the future");
        var rows = input.Readings!;
        var ids = rows.Select(r => r.UnitId!.Value).ToList();
        var units = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.ProjectId == item.ProjectId && u.ArchivedAt == null)
            .Select(u => new BillTarget(u.CompanyId, u.ProjectId, u.ZoneId, u.Id, u.BuildingId, u.Area, u.UnitType, 0))
            .ToDictionaryAsync(u => u.UnitId, ct);
        var last = await LastReadingsAsync(item.Id, ids, ct);
        var userId = db.Scope.UserId;
        var by = userId is { } id ? await names.NameAsync(id, ct) ?? "?" : Loc.T("系统", "System");
        var now = clock.GetUtcNow();
        var errors = new Validator();
        var taken = new List<(UtilityReading Reading, BillTarget Unit)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (!units.TryGetValue(r.UnitId!.Value, out var unit))
            {
                errors.Add(
                    $"readings[{i}].unitId",
                    "房屋不存在、不属于该收费项目的项目或无权访问",
                    "Unit not found in the item's project, or not yours"
                );
                continue;
            }
            if (!item.AppliesTo(unit.UnitType))
            {
                errors.Add($"readings[{i}].unitId", "该收费项目不适用于此房屋类型", "This fee item does not apply to this unit's type");
                continue;
            }
            try
            {
                var l = last.TryGetValue(unit.UnitId, out var x) ? x : ((int, decimal)?)null;
                var reading = UtilityReading.Take(
                    unit,
                    item.Id,
                    period,
                    l,
                    r.Previous,
                    r.Reading!.Value,
                    readOn,
                    userId,
                    by,
                    $"readings[{i}]"
                );
                taken.Add((reading, unit));
            }
            catch (ValidationException e)
            {
                foreach (var (field, messages) in e.Errors)
                foreach (var m in messages)
                    errors.Add(field, m, m);
            }
        }
        errors.ThrowIfAny();

        var bills = new List<Bill>();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        foreach (var (reading, unit) in taken)
        {
            if (reading.Usage > 0)
            {
                var bill = Bill.Charge(
                    unit,
                    period,
                    now,
                    today,
                    item,
                    reading.Usage,
                    reading.Id,
                    item.MeteredBasis(reading.Previous, reading.Current)
                );
                reading.BillId = bill.Id;
                bills.Add(bill);
                db.Add(bill);
            }
            db.Add(reading);
        }
        await db.SaveChangesAsync(ct);
        if (bills.Count > 0)
        {
            await credit.ApplyAsync(item.ProjectId, [.. bills.Select(b => b.UnitId).Distinct()], now, ct);
            await notices.SendAsync(item.CompanyId, bills, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        var readingIds = taken.Select(t => t.Reading.Id).ToList();
        return await ListAsync(db.Set<UtilityReading>().AsNoTracking().Where(r => readingIds.Contains(r.Id)), ct);
    }

    public async Task<List<SheetRow>> SheetAsync(Guid? feeItemId, string? period, Guid? buildingId, CancellationToken ct)
    {
        var v = new Validator();
        v.Required("feeItemId", feeItemId, "收费项目", "Fee item").Required("period", period, "账期", "Period");
        if (period is { Length: > 0 } && Periods.Parse(period) is null)
            v.Add("period", "账期格式应为 yyyy-MM，如 2026-12", "The period is yyyy-MM, e.g. 2026-12");
        v.ThrowIfAny();
        var item = await MeteredItemAsync(feeItemId!.Value, ct);
        var p = Periods.Parse(period)!.Value;
        var units = db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.ProjectId == item.ProjectId && u.ArchivedAt == null && u.HandoverDate != null);
        if (item.UnitType is { } type)
            units = units.Where(u => u.UnitType == type);
        if (buildingId is { } b)
            units = units.Where(u => u.BuildingId == b);
        var list = await units
            .OrderBy(u => u.Label)
            .ThenBy(u => u.Id)
            .Take(NewReadings.MaxRows)
            .Select(u => new { u.Id, u.Label })
            .ToListAsync(ct);
        var ids = list.Select(u => u.Id).ToList();
        var earlier = await LastReadingsAsync(item.Id, ids, ct, before: p);
        var these = (
            await ListAsync(
                db.Set<UtilityReading>().AsNoTracking().Where(r => r.FeeItemId == item.Id && r.Period == p && ids.Contains(r.UnitId)),
                ct
            )
        ).ToDictionary(r => r.UnitId);
        return
        [
            .. list.Select(u =>
            {
                var l = earlier.TryGetValue(u.Id, out var x) ? x : ((int Period, decimal Current)?)null;
                return new SheetRow(u.Id, u.Label, l?.Period, l?.Current, these.GetValueOrDefault(u.Id));
            }),
        ];
    }

    private async Task<FeeItem> MeteredItemAsync(Guid id, CancellationToken ct) =>
        await db.Set<FeeItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.Kind == FeeKind.Metered && i.ArchivedAt == null, ct)
        ?? throw ValidationException.For("feeItemId", "请选择在用的抄表计费收费项目", "Choose a metered fee item in use");

    /// <summary>Each unit's latest reading of the item (before <paramref name="before"/>, when given).</summary>
    private async Task<Dictionary<Guid, (int Period, decimal Current)>> LastReadingsAsync(
        Guid itemId,
        List<Guid> unitIds,
        CancellationToken ct,
        int? before = null
    )
    {
        var q = db.Set<UtilityReading>().AsNoTracking().Where(r => r.FeeItemId == itemId && unitIds.Contains(r.UnitId));
        if (before is { } b)
            q = q.Where(r => r.Period < b);
        var rows = await q.GroupBy(r => r.UnitId)
            .Select(g =>
                g.OrderByDescending(r => r.Period)
                    .Select(r => new
                    {
                        r.UnitId,
                        r.Period,
                        r.Current,
                    })
                    .First()
            )
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.UnitId, r => (r.Period, r.Current));
    }

    private async Task<List<ReadingDto>> ListAsync(IQueryable<UtilityReading> q, CancellationToken ct) =>
        [.. (await Dtos(q).ToListAsync(ct)).Select(r => r with { PeriodText = Periods.Text(r.Period) })];

    private IQueryable<ReadingDto> Dtos(IQueryable<UtilityReading> q) =>
        from r in q
        join i in db.Set<FeeItem>() on r.FeeItemId equals i.Id
        join u in db.UnitLabels() on r.UnitId equals u.Id
        orderby u.Label, r.Id
        select new ReadingDto(
            r.Id,
            r.UnitId,
            u.Label,
            r.FeeItemId,
            i.Name,
            r.Period,
            "",
            r.Previous,
            r.Current,
            r.Usage,
            i.UsageUnit,
            r.ReadOn,
            r.ReadByName,
            r.BillId,
            db.Set<Bill>().Where(b => b.Id == r.BillId).Select(b => (decimal?)b.Amount).FirstOrDefault()
        );
}
