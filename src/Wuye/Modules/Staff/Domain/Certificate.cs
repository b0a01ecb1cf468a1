using Wuye.Modules.Staff.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Domain;

/// <summary>Where a certificate stands on a day: valid, valid but expiring within the reminder window, or lapsed.</summary>
internal enum CertificateStatus
{
    Valid,
    Expiring,
    Lapsed,
}

/// <summary>
/// 特种作业证书 of a staff member (the register entry in master data, own staff or a vendor's): kind, number, issuing
/// body, the day it was issued and the last day it is valid. Renewal moves the expiry forward; the earlier dates stay
/// in the change log. A lapsed certificate no longer qualifies its holder for the work that needs it.
/// </summary>
internal sealed class Certificate : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid StaffMemberId { get; set; }

    /// <summary>The holder's name as the register had it when the certificate was recorded (lists show it without a join).</summary>
    public required string HolderName { get; set; }
    public CertificateKind Kind { get; set; }
    public required string Number { get; set; }
    public string? Issuer { get; set; }
    public DateOnly IssuedOn { get; set; }

    /// <summary>The last day the certificate is valid.</summary>
    public DateOnly ExpiresOn { get; set; }
    public int Renewals { get; set; }

    public bool IsValidOn(DateOnly day) => IssuedOn <= day && day <= ExpiresOn;

    /// <summary>Lapsed after its last day; expiring when the last day is within <paramref name="remindDays"/> of today.</summary>
    public CertificateStatus StatusOn(DateOnly today, int remindDays) =>
        ExpiresOn < today ? CertificateStatus.Lapsed
        : ExpiresOn <= today.AddDays(remindDays) ? CertificateStatus.Expiring
        : CertificateStatus.Valid;

    /// <summary>Records a certificate: issued no later than today, expiring after it was issued.</summary>
    public static Certificate Record(
        Guid companyId,
        Guid? projectId,
        Guid staffMemberId,
        string holderName,
        CertificateKind kind,
        string number,
        string? issuer,
        DateOnly issuedOn,
        DateOnly expiresOn,
        DateOnly today
    )
    {
        CheckDates(issuedOn, expiresOn, today);
        return new Certificate
        {
            CompanyId = companyId,
            ProjectId = projectId,
            StaffMemberId = staffMemberId,
            HolderName = holderName,
            Kind = kind,
            Number = number.Trim(),
            Issuer = string.IsNullOrWhiteSpace(issuer) ? null : issuer.Trim(),
            IssuedOn = issuedOn,
            ExpiresOn = expiresOn,
        };
    }

    /// <summary>复审/换证: the renewed certificate (a new number, or the same) runs to a later last day than the current one.</summary>
    public void Renew(string? number, DateOnly issuedOn, DateOnly expiresOn, DateOnly today)
    {
        CheckDates(issuedOn, expiresOn, today);
        if (expiresOn <= ExpiresOn)
            throw new RuleException(
                "certificate.renewal_not_later",
                $"续期后的有效期须晚于现有有效期 {ExpiresOn:yyyy-MM-dd}",
                $"A renewal must run past the current expiry ({ExpiresOn:yyyy-MM-dd})"
            );
        if (!string.IsNullOrWhiteSpace(number))
            Number = number.Trim();
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        Renewals++;
    }

    private static void CheckDates(DateOnly issuedOn, DateOnly expiresOn, DateOnly today)
    {
        if (issuedOn > today)
            throw ValidationException.For("issuedOn", "发证日期不能晚于今天", "The issue date cannot be in the future");
        if (expiresOn <= issuedOn)
            throw ValidationException.For("expiresOn", "有效期须晚于发证日期", "The expiry must be after the issue date");
    }
}

/// <summary>
/// The mark that a certificate's holder and keepers were told about one last day (expiring, or lapsed): the reminder job
/// leaves marked certificates out in SQL. A working mark, not a business record (not audited).
/// </summary>
internal sealed class CertificateNotice
{
    public Guid CertificateId { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public bool Lapsed { get; set; }
    public DateTimeOffset ToldAt { get; set; }
}
