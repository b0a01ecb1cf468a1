using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.CommitteeOversight;

internal sealed record OversightProblem(
    Guid Id,
    string Title,
    ProblemKind Kind,
    ProblemState State,
    DateOnly FoundOn,
    DateOnly Deadline,
    DateTimeOffset? ClosedAt
);

internal sealed record OversightInspection(string Campaign, DateOnly InspectedOn, InspectionMethod Method, string? Note, int Findings);

internal sealed record OversightProject(
    Guid Id,
    string Name,
    string Company,
    string? Grade,
    string? Period,
    CommitteeDto? Committee,
    List<OversightProblem> Problems,
    List<OversightInspection> Inspections
);

/// <summary>
/// The owners' committee's read-only oversight (业委会监督) of the projects it holds the committee role at: its own filing (term,
/// members), the regulator's problem ledger at those projects with the state of each entry, the campaign inspections there and the
/// company's latest published grade. The committee role gives no grant on the company's records (ScopeResolver), so each list is
/// its own query limited to those projects by the role assignments, never joined with scoped sets.
/// </summary>
internal sealed class CommitteeOversightReads(WuyeDb db, TimeProvider clock, CommitteeReads committees)
{
    public async Task<List<OversightProject>> ForCallerAsync(CancellationToken ct)
    {
        if (db.Scope.UserId is not { } user || !db.Scope.Roles.Contains(Roles.OwnersCommittee))
            return [];
        var ids = await db
            .RoleAssignments.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(r => r.UserId == user && r.Role == Roles.OwnersCommittee && r.ProjectId != null)
            .Select(r => r.ProjectId!.Value)
            .Distinct()
            .ToListAsync(ct);
        if (ids.Count == 0)
            return [];
        var today = ChinaTime.Today(clock);
        var projects = await db.ProjectRefs()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id) && p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.CompanyId,
            })
            .ToListAsync(ct);
        var companyIds = projects.Select(p => p.CompanyId).Distinct().ToList();
        var companies = await db.CompanyRefs()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var grades = (
            await db.Set<CreditRating>()
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(r => companyIds.Contains(r.CompanyId))
                .OrderByDescending(r => r.PeriodEnd)
                .ThenBy(r => r.Id)
                .Select(r => new
                {
                    r.CompanyId,
                    r.Period,
                    r.GradeLabel,
                })
                .ToListAsync(ct)
        ).ToLookup(r => r.CompanyId);
        var filed = await committees.ToDtosAsync(
            db.Set<OwnersCommittee>().IgnoreQueryFilters().AsNoTracking().Where(c => c.ProjectIds.Any(p => ids.Contains(p))),
            ct
        );
        var entries = await db.Set<ProblemLedgerEntry>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => ids.Contains(e.ProjectId))
            .OrderBy(e => e.ClosedAt != null)
            .ThenByDescending(e => e.FoundOn)
            .ThenBy(e => e.Id)
            .Take(200)
            .ToListAsync(ct);
        var entryIds = entries.Select(e => e.Id).ToList();
        var answers = (
            await db.Set<ProblemAnswer>()
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(a => entryIds.Contains(a.ProblemLedgerEntryId))
                .Select(a => new { a.ProblemLedgerEntryId, a.CreatedAt })
                .ToListAsync(ct)
        ).ToLookup(a => a.ProblemLedgerEntryId);
        var inspections = await db.Set<CampaignInspection>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(i => ids.Contains(i.ProjectId))
            .OrderByDescending(i => i.InspectedOn)
            .ThenBy(i => i.Id)
            .Take(100)
            .ToListAsync(ct);
        var campaignIds = inspections.Select(i => i.CampaignId).Distinct().ToList();
        var titles = await db.Set<Campaign>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(c => campaignIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        return
        [
            .. projects.Select(p =>
            {
                var grade = grades[p.CompanyId].FirstOrDefault();
                return new OversightProject(
                    p.Id,
                    p.Name,
                    companies.GetValueOrDefault(p.CompanyId, ""),
                    grade?.GradeLabel,
                    grade?.Period,
                    filed.FirstOrDefault(c => c.Projects.Any(x => x.Id == p.Id)),
                    [
                        .. entries
                            .Where(e => e.ProjectId == p.Id)
                            .Select(e => new OversightProblem(
                                e.Id,
                                e.Title,
                                e.Kind,
                                e.State(today, answers[e.Id].Any(a => e.ReturnedAt is null || a.CreatedAt > e.ReturnedAt)),
                                e.FoundOn,
                                e.Deadline,
                                e.ClosedAt
                            )),
                    ],
                    [
                        .. inspections
                            .Where(i => i.ProjectId == p.Id)
                            .Select(i => new OversightInspection(
                                titles.GetValueOrDefault(i.CampaignId, ""),
                                i.InspectedOn,
                                i.Method,
                                i.Note,
                                i.ProblemIds.Length
                            )),
                    ]
                );
            }),
        ];
    }
}
