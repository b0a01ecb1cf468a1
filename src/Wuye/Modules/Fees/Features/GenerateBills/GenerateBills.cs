using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.GenerateBills;

internal sealed record GenerateInput(Guid? ProjectId, string? Period) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project").Required("period", Period, "账期", "Period");
        if (Period is { Length: > 0 } && Periods.Parse(Period) is null)
            v.Add("period", "账期格式应为 yyyy-MM，如 2026-12", "The period is yyyy-MM, e.g. 2026-12");
    }
}

internal sealed record GenerateResult(Guid ProjectId, int Period, int Created, int AlreadyBilled, int NotChargeable);

/// <summary>
/// POST /bills/generate, the monthly job and the demo data: a bill for every chargeable unit of a
/// project (handed over by the period's end, with at least one fee item applying to it) that has
/// none for the period yet. Running it twice changes nothing (the unique key on unit and period
/// backs this up against a second instance). Owners with an account get the bill notice by every
/// channel they can be reached on (000#54); held credit pays the new bills at once.
/// </summary>
internal sealed class GenerateBillsHandler(WuyeDb db, TimeProvider clock, BillNotices notices, CreditApplier credit)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .Bills(api)
            .MapPost("/generate", async (GenerateBillsHandler handler, GenerateInput body, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(body.ProjectId!.Value, Periods.Parse(body.Period)!.Value, true, ct))
            )
            .RequireRoles(FeeRoles.Managers)
            .WithSummary("Issue the period's bills for every chargeable unit of a project that has none yet (idempotent)");

    public async Task<GenerateResult> HandleAsync(
        Guid projectId,
        int period,
        bool notify,
        CancellationToken ct,
        DateTimeOffset? issuedAt = null
    )
    {
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == projectId)
            .Select(p => new
            {
                p.Id,
                p.CompanyId,
                p.ArchivedAt,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        if (project.ArchivedAt is not null)
            throw new RuleException("bill.project_archived", "项目已归档，不再出账", "The project is archived; no more bills");
        var items = await db.Set<FeeItem>()
            .AsNoTracking()
            .Where(i => i.ProjectId == projectId && i.ArchivedAt == null)
            .OrderBy(i => i.Name)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        if (!items.Any(i => i.Periodic))
            throw new RuleException("bill.no_fee_items", "该项目还没有收费项目", "This project has no fee items yet");

        var lastDay = Periods.LastDay(period);
        var billed = db.Set<Bill>().Where(b => b.Period == period && b.Kind == BillKind.Periodic);
        var units = await db.UnitRefs()
            .AsNoTracking()
            .Where(u => u.ProjectId == projectId && u.ArchivedAt == null && u.HandoverDate != null && u.HandoverDate <= lastDay)
            .OrderBy(u => u.Id)
            .Select(u => new
            {
                u.Id,
                u.CompanyId,
                u.ZoneId,
                u.BuildingId,
                u.Area,
                u.UnitType,
                Billed = billed.Any(b => b.UnitId == u.Id),
            })
            .ToListAsync(ct);
        var spaces = await db.ParkingSpaceRefs()
            .AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.Rented && s.UnitId != null && s.ArchivedAt == null)
            .GroupBy(s => s.UnitId!.Value)
            .Select(g => new { UnitId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UnitId, x => x.Count, ct);

        var now = issuedAt ?? clock.GetUtcNow();
        var created = new List<Bill>();
        var notChargeable = 0;
        foreach (var u in units.Where(u => !u.Billed))
        {
            var target = new BillTarget(
                u.CompanyId,
                projectId,
                u.ZoneId,
                u.Id,
                u.BuildingId,
                u.Area,
                u.UnitType,
                spaces.GetValueOrDefault(u.Id)
            );
            var charges = items
                .Where(i => i.AppliesTo(target.UnitType) && i.BilledIn(period))
                .Select(i => (i, Quantity(i, target)))
                .Where(x => x.Item2 > 0)
                .ToList();
            if (charges.Count == 0)
            {
                notChargeable++;
                continue;
            }
            created.Add(Bill.Issue(target, period, now, charges));
        }
        // Every bill is in this one project: one write check for the batch, as the context's save would make per record.
        if (created.Count > 0 && !db.Scope.CanWrite(project.CompanyId, projectId, null, null))
            throw new ForbiddenException("无权为该项目出账", "You may not issue bills for this project");
        if (notify && created.Count > 0)
            await notices.SendAsync(project.CompanyId, created, ct);
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        // The bills and their lines go in by COPY with their audit rows (a month of 100,000 units is 300,000 records).
        var written = clock.GetUtcNow();
        await BulkWriter.InsertAsync(db, created, written, ct);
        await BulkWriter.InsertAsync(db, [.. created.SelectMany(b => b.Lines)], written, ct);
        await db.SaveChangesAsync(ct);
        if (created.Count > 0)
            await credit.ApplyAsync(projectId, [.. created.Select(b => b.UnitId)], now, ct);
        await tx.CommitAsync(ct);
        return new(projectId, period, created.Count, units.Count(u => u.Billed), notChargeable);
    }

    private static decimal Quantity(FeeItem item, BillTarget unit) =>
        item.Kind switch
        {
            FeeKind.AreaBased => unit.Area ?? 0,
            FeeKind.ParkingRent => unit.RentedSpaces,
            _ => 1,
        };
}
