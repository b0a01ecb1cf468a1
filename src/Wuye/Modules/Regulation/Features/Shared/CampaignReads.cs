using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record CampaignSelfCheckDto(
    Guid Id,
    string Text,
    int IssuesFound,
    int IssuesFixed,
    string? Evidence,
    bool Late,
    string SubmittedByName,
    DateTimeOffset At
);

internal sealed record CampaignCompanyDto(
    Guid CompanyId,
    string Company,
    int Projects,
    int Inspected,
    int Findings,
    CampaignSelfCheckDto? SelfCheck
);

internal sealed record CampaignInspectionDto(
    Guid Id,
    Guid CompanyId,
    string Company,
    Guid ProjectId,
    string Project,
    DateOnly InspectedOn,
    InspectionMethod Method,
    string? Note,
    List<Guid> ProblemIds,
    string InspectorName
);

internal sealed record CampaignProjectDto(Guid Id, string Name, Guid CompanyId, string Company);

internal sealed record CampaignDto(
    Guid Id,
    string Title,
    string Description,
    DateOnly StartsOn,
    DateOnly SelfCheckDue,
    DateOnly RectifyDue,
    DateOnly EndsOn,
    CampaignPhase Phase,
    string? Summary,
    DateTimeOffset? ReportedAt,
    List<CampaignCompanyDto> Companies,
    List<CampaignInspectionDto> Inspections,
    List<CampaignProjectDto> Uninspected
);

/// <summary>
/// Campaigns as the caller sees them: a regulator its own; a company's staff those of the regulators over the companies they may
/// see, with only their own companies' self-checks, projects and inspections (read through the scoped sets).
/// </summary>
internal sealed class CampaignReads(WuyeDb db, TimeProvider clock)
{
    /// <summary>
    /// The campaigns the caller may see. A campaign is the regulator's record (filtered to its staff); a company reads those of its
    /// own regulator, looked up first from the companies its scope shows, in a query of its own.
    /// </summary>
    public static async Task<IQueryable<Campaign>> VisibleAsync(WuyeDb db, CancellationToken ct)
    {
        if (db.Scope.IsGlobal || db.Scope.Regulators.Length > 0)
            return db.Set<Campaign>().AsNoTracking();
        var regulators = await db.CompanyRefs()
            .Where(c => c.RegulatorId != null && c.ArchivedAt == null)
            .Select(c => c.RegulatorId!.Value)
            .Distinct()
            .ToListAsync(ct);
        return db.Set<Campaign>().IgnoreQueryFilters().AsNoTracking().Where(c => regulators.Contains(c.RegulatorId));
    }

    public static IQueryable<Campaign> Ordered(IQueryable<Campaign> q) => q.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id);

    public async Task<Campaign> FindAsync(Guid id, CancellationToken ct) =>
        await (await VisibleAsync(db, ct)).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("campaign");

    public async Task<CampaignDto> OneAsync(Guid id, CancellationToken ct) => (await ToDtosAsync([await FindAsync(id, ct)], ct))[0];

    public async Task<List<CampaignDto>> ToDtosAsync(IReadOnlyList<Campaign> campaigns, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var ids = campaigns.Select(c => c.Id).ToList();
        var regulatorIds = campaigns.Select(c => c.RegulatorId).Distinct().ToList();
        var companies = await db.CompanyRefs()
            .AsNoTracking()
            .Where(c => c.RegulatorId != null && regulatorIds.Contains(c.RegulatorId.Value) && c.ArchivedAt == null)
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Name,
                RegulatorId = c.RegulatorId!.Value,
            })
            .ToListAsync(ct);
        var companyIds = companies.Select(c => c.Id).ToList();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => companyIds.Contains(p.CompanyId) && p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.CompanyId,
            })
            .ToListAsync(ct);
        var checks = (await db.Set<CampaignSelfCheck>().AsNoTracking().Where(s => ids.Contains(s.CampaignId)).ToListAsync(ct)).ToLookup(s =>
            s.CampaignId
        );
        var inspections = (
            await db.Set<CampaignInspection>()
                .AsNoTracking()
                .Where(i => ids.Contains(i.CampaignId))
                .OrderByDescending(i => i.InspectedOn)
                .ThenByDescending(i => i.Id)
                .ToListAsync(ct)
        ).ToLookup(i => i.CampaignId);
        var companyName = companies.ToDictionary(c => c.Id, c => c.Name);
        var projectName = projects.ToDictionary(p => p.Id, p => p.Name);
        return
        [
            .. campaigns.Select(c =>
            {
                var mine = companies.Where(x => x.RegulatorId == c.RegulatorId).ToList();
                var done = inspections[c.Id].Where(i => companyName.ContainsKey(i.CompanyId)).ToList();
                var inspected = done.Select(i => i.ProjectId).ToHashSet();
                return new CampaignDto(
                    c.Id,
                    c.Title,
                    c.Description,
                    c.StartsOn,
                    c.SelfCheckDue,
                    c.RectifyDue,
                    c.EndsOn,
                    c.Phase(today),
                    c.Summary,
                    c.ReportedAt,
                    [
                        .. mine.Select(x =>
                        {
                            var own = projects.Where(p => p.CompanyId == x.Id).ToList();
                            var check = checks[c.Id].FirstOrDefault(s => s.CompanyId == x.Id);
                            return new CampaignCompanyDto(
                                x.Id,
                                x.Name,
                                own.Count,
                                own.Count(p => inspected.Contains(p.Id)),
                                done.Where(i => i.CompanyId == x.Id).Sum(i => i.ProblemIds.Length),
                                check is null
                                    ? null
                                    : new CampaignSelfCheckDto(
                                        check.Id,
                                        check.Text,
                                        check.IssuesFound,
                                        check.IssuesFixed,
                                        check.Evidence,
                                        check.Late,
                                        check.SubmittedByName,
                                        check.CreatedAt
                                    )
                            );
                        }),
                    ],
                    [
                        .. done.Select(i => new CampaignInspectionDto(
                            i.Id,
                            i.CompanyId,
                            companyName[i.CompanyId],
                            i.ProjectId,
                            projectName.GetValueOrDefault(i.ProjectId, ""),
                            i.InspectedOn,
                            i.Method,
                            i.Note,
                            [.. i.ProblemIds],
                            i.InspectorName
                        )),
                    ],
                    [
                        .. projects
                            .Where(p => mine.Any(x => x.Id == p.CompanyId) && !inspected.Contains(p.Id))
                            .Select(p => new CampaignProjectDto(p.Id, p.Name, p.CompanyId, companyName[p.CompanyId])),
                    ]
                );
            }),
        ];
    }
}
