using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Staff.Features.Shared;

internal sealed record CertificateDto(
    Guid Id,
    Guid CompanyId,
    Guid? ProjectId,
    string? ProjectName,
    Guid StaffMemberId,
    string HolderName,
    CertificateKind Kind,
    string KindName,
    string Number,
    string? Issuer,
    DateOnly IssuedOn,
    DateOnly ExpiresOn,
    int Renewals,
    CertificateStatus Status,
    string StatusName,
    int DaysLeft,
    uint Version
);

/// <summary>The certificates a reader may see, and how they are shown.</summary>
internal static class CertificateViews
{
    /// <summary>
    /// Keepers see every certificate of the places where they hold a keeper's role (company management their companies,
    /// a project manager his projects); everyone sees their own (the register entry linked to their account).
    /// </summary>
    public static IQueryable<Certificate> Visible(WuyeDb db)
    {
        var all = db.Set<Certificate>().AsNoTracking();
        var kept = StaffRoles.Kept(db.Scope);
        if (kept.All)
            return all;
        var (companies, projects) = (kept.Companies, kept.Projects);
        var me = db.Scope.UserId;
        var staff = db.StaffRefs();
        return all.Where(c =>
            companies.Contains(c.CompanyId)
            || (c.ProjectId != null && projects.Contains(c.ProjectId.Value))
            || staff.Any(s => s.Id == c.StaffMemberId && s.UserId != null && s.UserId == me)
        );
    }

    /// <summary>Only the certificates in <paramref name="status"/> on <paramref name="today"/>, as SQL.</summary>
    public static IQueryable<Certificate> InStatus(this IQueryable<Certificate> q, CertificateStatus status, DateOnly today, int remindDays)
    {
        var soon = today.AddDays(remindDays);
        return status switch
        {
            CertificateStatus.Lapsed => q.Where(c => c.ExpiresOn < today),
            CertificateStatus.Expiring => q.Where(c => c.ExpiresOn >= today && c.ExpiresOn <= soon),
            _ => q.Where(c => c.ExpiresOn > soon),
        };
    }

    /// <summary>The certificates as shown, with their project's name and their status today.</summary>
    public static async Task<List<CertificateDto>> ToDtosAsync(
        WuyeDb db,
        IReadOnlyList<Certificate> certificates,
        DateOnly today,
        int remindDays,
        CancellationToken ct
    )
    {
        var ids = certificates.Where(c => c.ProjectId != null).Select(c => c.ProjectId!.Value).Distinct().ToList();
        var names = await db.ProjectRefs().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. certificates.Select(c => Dto(c, c.ProjectId is { } p ? names.GetValueOrDefault(p) : null, today, remindDays))];
    }

    public static CertificateDto Dto(Certificate c, string? projectName, DateOnly today, int remindDays)
    {
        var status = c.StatusOn(today, remindDays);
        return new(
            c.Id,
            c.CompanyId,
            c.ProjectId,
            projectName,
            c.StaffMemberId,
            c.HolderName,
            c.Kind,
            StaffText.KindName(c.Kind),
            c.Number,
            c.Issuer,
            c.IssuedOn,
            c.ExpiresOn,
            c.Renewals,
            status,
            StaffText.StatusName(status),
            c.ExpiresOn.DayNumber - today.DayNumber,
            c.Version
        );
    }
}
