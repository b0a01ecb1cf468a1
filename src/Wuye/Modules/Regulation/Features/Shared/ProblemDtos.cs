using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record ProblemAnswerDto(
    Guid Id,
    string Text,
    string Evidence,
    List<Guid> FileIds,
    string AnsweredByName,
    DateTimeOffset At
);

internal sealed record ProblemDto(
    Guid Id,
    Guid CompanyId,
    string Company,
    Guid ProjectId,
    string Project,
    ProblemKind Kind,
    ProblemSource Source,
    string Title,
    string Description,
    string? Departments,
    DateOnly FoundOn,
    DateOnly Deadline,
    ProblemState State,
    string? ReinspectionNote,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? OverdueAt,
    Guid? ConductRecordId,
    List<ProblemAnswerDto> Answers
);

/// <summary>Ledger entries as lists show them, with their answers and state on today's date.</summary>
internal sealed class ProblemReads(WuyeDb db, TimeProvider clock)
{
    /// <summary>Whether an answer counts for the entry's current round (after the last return).</summary>
    public static IQueryable<ProblemAnswer> Current(WuyeDb db, ProblemLedgerEntry e) =>
        db.Set<ProblemAnswer>().Where(a => a.ProblemLedgerEntryId == e.Id && (e.ReturnedAt == null || a.CreatedAt > e.ReturnedAt));

    public async Task<List<ProblemDto>> ToDtosAsync(IQueryable<ProblemLedgerEntry> query, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var rows = await (
            from e in query
            join c in db.CompanyRefs() on e.CompanyId equals c.Id
            join p in db.ProjectRefs() on e.ProjectId equals p.Id
            select new
            {
                Entry = e,
                Company = c.Name,
                Project = p.Name,
            }
        ).ToListAsync(ct);
        var ids = rows.Select(r => r.Entry.Id).ToList();
        var answers = (
            await db.Set<ProblemAnswer>()
                .AsNoTracking()
                .Where(a => ids.Contains(a.ProblemLedgerEntryId))
                .OrderBy(a => a.CreatedAt)
                .ThenBy(a => a.Id)
                .ToListAsync(ct)
        ).ToLookup(a => a.ProblemLedgerEntryId);
        return
        [
            .. rows.Select(r =>
            {
                var e = r.Entry;
                var mine = answers[e.Id].ToList();
                var answered = mine.Any(a => e.ReturnedAt is null || a.CreatedAt > e.ReturnedAt);
                return new ProblemDto(
                    e.Id,
                    e.CompanyId,
                    r.Company,
                    e.ProjectId,
                    r.Project,
                    e.Kind,
                    e.Source,
                    e.Title,
                    e.Description,
                    e.Departments,
                    e.FoundOn,
                    e.Deadline,
                    e.State(today, answered),
                    e.ReinspectionNote,
                    e.ClosedAt,
                    e.OverdueAt,
                    e.ConductRecordId,
                    [.. mine.Select(a => new ProblemAnswerDto(a.Id, a.Text, a.Evidence, [.. a.FileIds], a.AnsweredByName, a.CreatedAt))]
                );
            }),
        ];
    }

    public async Task<ProblemDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ToDtosAsync(db.Set<ProblemLedgerEntry>().AsNoTracking().Where(e => e.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("problem ledger entry");
}
