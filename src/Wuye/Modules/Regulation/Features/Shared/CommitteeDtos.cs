using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record CommitteeMemberDto(Guid Id, CommitteePosition Position, string Name, string? Unit, string? Phone);

internal sealed record CommitteeProjectDto(Guid Id, string Name);

internal sealed record CommitteeDto(
    Guid Id,
    Guid CompanyId,
    string Company,
    Guid ProjectId,
    string Name,
    List<CommitteeProjectDto> Projects,
    int TermNo,
    DateOnly TermStart,
    DateOnly TermEnd,
    int DaysLeft,
    bool EndingSoon,
    List<CommitteeMemberDto> Members
);

internal sealed record UncoveredProjectDto(Guid Id, string Name, Guid CompanyId, string Company);

/// <summary>Owners' committees as lists show them, and the projects no committee oversees.</summary>
internal sealed class CommitteeReads(WuyeDb db, TimeProvider clock)
{
    public static IQueryable<OwnersCommittee> Query(WuyeDb db, Guid? projectId) =>
        db.Set<OwnersCommittee>()
            .AsNoTracking()
            .Where(c => projectId == null || c.ProjectIds.Contains(projectId.Value))
            .OrderBy(c => c.TermEnd)
            .ThenBy(c => c.Id);

    public async Task<List<CommitteeDto>> ToDtosAsync(IQueryable<OwnersCommittee> query, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var rows = await query.Include(c => c.Members).AsSplitQuery().ToListAsync(ct);
        var projectIds = rows.SelectMany(c => c.ProjectIds).Distinct().ToList();
        var companyIds = rows.Select(c => c.CompanyId).Distinct().ToList();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var companies = await db.CompanyRefs()
            .AsNoTracking()
            .Where(c => companyIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return
        [
            .. rows.Select(c => new CommitteeDto(
                c.Id,
                c.CompanyId,
                companies.GetValueOrDefault(c.CompanyId, ""),
                c.ProjectId,
                c.Name,
                [.. c.ProjectIds.Select(p => new CommitteeProjectDto(p, projects.GetValueOrDefault(p, "")))],
                c.TermNo,
                c.TermStart,
                c.TermEnd,
                c.DaysLeft(today),
                c.EndingSoon(today),
                [
                    .. c
                        .Members.OrderBy(m => m.Position)
                        .ThenBy(m => m.SortOrder)
                        .Select(m => new CommitteeMemberDto(m.Id, m.Position, m.Name, m.Unit, m.Phone)),
                ]
            )),
        ];
    }

    public async Task<CommitteeDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ToDtosAsync(db.Set<OwnersCommittee>().AsNoTracking().Where(c => c.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("owners committee");

    /// <summary>
    /// The projects no committee oversees: of the regulator's companies for a regulator, of the caller's own scope otherwise.
    /// </summary>
    public async Task<List<UncoveredProjectDto>> UncoveredAsync(Guid? regulatorId, CancellationToken ct)
    {
        var covered = (await db.Set<OwnersCommittee>().AsNoTracking().Select(c => c.ProjectIds).ToListAsync(ct))
            .SelectMany(p => p)
            .ToHashSet();
        var companies = db.CompanyRefs().Where(c => c.ArchivedAt == null && (regulatorId == null || c.RegulatorId == regulatorId));
        var rows = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null)
            .Join(
                companies,
                p => p.CompanyId,
                c => c.Id,
                (p, c) =>
                    new
                    {
                        p.Id,
                        p.Name,
                        CompanyId = c.Id,
                        Company = c.Name,
                    }
            )
            .OrderBy(p => p.Company)
            .ThenBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Take(1000)
            .ToListAsync(ct);
        return [.. rows.Where(p => !covered.Contains(p.Id)).Select(p => new UncoveredProjectDto(p.Id, p.Name, p.CompanyId, p.Company))];
    }
}
