using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.Shared;

internal sealed record CompanyProjectDto(Guid Id, string Name, string? Committee);

internal sealed record FilingDto(
    Guid Id,
    FilingKind Kind,
    Guid? ProjectId,
    string Title,
    string? Number,
    DateOnly FiledOn,
    DateOnly? ValidUntil,
    bool Lapsed,
    string? Note,
    string FiledByName
);

internal sealed record ContactDto(Guid Id, string Name, string Position, string Phone);

internal sealed record CertificateDto(string HolderName, CertificateKind Kind, string Number, DateOnly ExpiresOn, bool Lapsed);

internal sealed record CertificateSummaryDto(int Valid, int Expiring, int Lapsed, List<CertificateDto> Attention);

internal sealed record RegulatedCompanyDto(
    Guid Id,
    string Name,
    string? CreditCode,
    string? ContactPhone,
    List<CompanyProjectDto> Projects,
    List<FilingDto> Filings,
    List<ContactDto> Contacts,
    CertificateSummaryDto Certificates,
    string? LatestGrade,
    string? LatestPeriod,
    int OpenProblems
);

/// <summary>
/// A company's file as its regulator reads it (read only) and the company keeps it: projects and their committees, filings,
/// contacts, staff certificates (from the Staff module's register), the latest grade and the open ledger problems. Everything is
/// read through the scoped sets, so a company sees its own file only and a regulator the files of the companies it oversees.
/// </summary>
internal sealed class CompanyFileReads(WuyeDb db, TimeProvider clock)
{
    /// <summary>Days before a certificate's last day it counts as expiring.</summary>
    public const int ExpiringDays = 30;

    public IQueryable<CompanyRef> Companies() =>
        db.CompanyRefs().AsNoTracking().Where(c => c.ArchivedAt == null && c.RegulatorId != null).OrderBy(c => c.Name).ThenBy(c => c.Id);

    public async Task<RegulatedCompanyDto> OneAsync(Guid id, CancellationToken ct) =>
        (await ToDtosAsync(await Companies().Where(c => c.Id == id).ToListAsync(ct), ct)).FirstOrDefault()
        ?? throw new NotFoundException("company");

    public async Task<List<RegulatedCompanyDto>> ToDtosAsync(IReadOnlyList<CompanyRef> companies, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var ids = companies.Select(c => c.Id).ToList();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => ids.Contains(p.CompanyId) && p.ArchivedAt == null)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.CompanyId,
            })
            .ToListAsync(ct);
        var committees = await db.Set<OwnersCommittee>()
            .AsNoTracking()
            .Where(c => ids.Contains(c.CompanyId))
            .Select(c => new { c.Name, c.ProjectIds })
            .ToListAsync(ct);
        var filings = (
            await db.Set<CompanyFiling>()
                .AsNoTracking()
                .Where(f => ids.Contains(f.CompanyId))
                .OrderByDescending(f => f.FiledOn)
                .ThenBy(f => f.Id)
                .ToListAsync(ct)
        ).ToLookup(f => f.CompanyId);
        var contacts = (
            await db.Set<CompanyContact>()
                .AsNoTracking()
                .Where(c => ids.Contains(c.CompanyId))
                .OrderBy(c => c.Name)
                .ThenBy(c => c.Id)
                .ToListAsync(ct)
        ).ToLookup(c => c.CompanyId);
        var certificates = (
            await db.CertificateRefs()
                .AsNoTracking()
                .Where(c => ids.Contains(c.CompanyId))
                .OrderBy(c => c.ExpiresOn)
                .ThenBy(c => c.Id)
                .ToListAsync(ct)
        ).ToLookup(c => c.CompanyId);
        var grades = (
            await db.Set<CreditRating>()
                .AsNoTracking()
                .Where(r => ids.Contains(r.CompanyId))
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
        var open = await db.Set<ProblemLedgerEntry>()
            .Where(e => ids.Contains(e.CompanyId) && e.ClosedAt == null)
            .GroupBy(e => e.CompanyId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var horizon = today.AddDays(ExpiringDays);
        return
        [
            .. companies.Select(c =>
            {
                var certs = certificates[c.Id].ToList();
                var latest = grades[c.Id].FirstOrDefault();
                return new RegulatedCompanyDto(
                    c.Id,
                    c.Name,
                    c.CreditCode,
                    c.ContactPhone,
                    [
                        .. projects
                            .Where(p => p.CompanyId == c.Id)
                            .Select(p => new CompanyProjectDto(
                                p.Id,
                                p.Name,
                                committees.FirstOrDefault(x => x.ProjectIds.Contains(p.Id))?.Name
                            )),
                    ],
                    [
                        .. filings[c.Id]
                            .Select(f => new FilingDto(
                                f.Id,
                                f.Kind,
                                f.ProjectId,
                                f.Title,
                                f.Number,
                                f.FiledOn,
                                f.ValidUntil,
                                f.Lapsed(today),
                                f.Note,
                                f.FiledByName
                            )),
                    ],
                    [.. contacts[c.Id].Select(x => new ContactDto(x.Id, x.Name, x.Position, x.Phone))],
                    new CertificateSummaryDto(
                        certs.Count(x => x.IssuedOn <= today && x.ExpiresOn > horizon),
                        certs.Count(x => x.ExpiresOn >= today && x.ExpiresOn <= horizon),
                        certs.Count(x => x.ExpiresOn < today),
                        [
                            .. certs
                                .Where(x => x.ExpiresOn <= horizon)
                                .Take(50)
                                .Select(x => new CertificateDto(x.HolderName, x.Kind, x.Number, x.ExpiresOn, x.ExpiresOn < today)),
                        ]
                    ),
                    latest?.GradeLabel,
                    latest?.Period,
                    open.GetValueOrDefault(c.Id)
                );
            }),
        ];
    }
}
