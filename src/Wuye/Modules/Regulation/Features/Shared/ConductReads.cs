using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

/// <summary>Conduct records as lists show them, with their state on today's date.</summary>
internal sealed class ConductReads(WuyeDb db, TimeProvider clock)
{
    public static ConductRecordStatus StatusOf(ConductRecord r, bool objected, DateOnly today) =>
        r.Withdrawn ? ConductRecordStatus.Withdrawn
        : r.ValidUntil < today ? ConductRecordStatus.Expired
        : objected && r.Decision is null ? ConductRecordStatus.Objected
        : r.Confirmed(today, objected) ? ConductRecordStatus.Counts
        : ConductRecordStatus.InObjectionWindow;

    public async Task<List<ConductRecordDto>> ToDtosAsync(IQueryable<ConductRecord> query, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var rows = await (
            from r in query
            join c in db.CompanyRefs() on r.CompanyId equals c.Id
            select new
            {
                Record = r,
                Company = c.Name,
                Objection = db.Set<ConductObjection>().Where(o => o.ConductRecordId == r.Id).Select(o => o.Reason).FirstOrDefault(),
                ObjectionFiles = db.Set<ConductObjection>().Where(o => o.ConductRecordId == r.Id).Select(o => o.FileIds).FirstOrDefault(),
            }
        ).ToListAsync(ct);
        return
        [
            .. rows.Select(x =>
            {
                var r = x.Record;
                var status = StatusOf(r, x.Objection is not null, today);
                return new ConductRecordDto(
                    r.Id,
                    r.CompanyId,
                    x.Company,
                    r.ProjectId,
                    r.ItemCode,
                    r.ItemName,
                    r.Kind,
                    r.Points,
                    r.OccurredOn,
                    r.ValidUntil,
                    r.AppealUntil,
                    r.Evidence,
                    r.Source,
                    r.SourceId,
                    r.RecordedByName,
                    status,
                    RegulationText.Status(status),
                    x.Objection,
                    r.Decision,
                    r.DecisionNote,
                    [.. x.ObjectionFiles ?? []],
                    [.. r.FileIds]
                );
            }),
        ];
    }

    public async Task<ConductRecordDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ToDtosAsync(db.Set<ConductRecord>().AsNoTracking().Where(r => r.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("conduct record");

    /// <summary>Each company's records valid on <paramref name="asOf"/> for the engine, confirmed or not as of <paramref name="today"/>
    /// (a close after the period's end counts records whose objection window has passed by then).</summary>
    public static async Task<Dictionary<Guid, List<ConductFact>>> FactsAsync(
        WuyeDb db,
        Guid regulatorId,
        DateOnly asOf,
        DateOnly today,
        CancellationToken ct
    )
    {
        var rows = await db.Set<ConductRecord>()
            .AsNoTracking()
            .Where(r => r.RegulatorId == regulatorId && r.OccurredOn <= asOf && r.ValidUntil >= asOf)
            .Select(r => new { Record = r, Objected = db.Set<ConductObjection>().Any(o => o.ConductRecordId == r.Id) })
            .ToListAsync(ct);
        return rows.GroupBy(x => x.Record.CompanyId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Record.Fact(today, x.Objected)).ToList());
    }
}
