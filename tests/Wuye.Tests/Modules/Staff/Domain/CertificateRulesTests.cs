using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Staff.Domain;

/// <summary>The certificate's rules, without a database: dates, status on a day, renewal.</summary>
public sealed class CertificateRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static Certificate Electrician(DateOnly issued, DateOnly expires) =>
        Certificate.Record(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            "周师傅",
            CertificateKind.Electrician,
            " T001 ",
            null,
            issued,
            expires,
            Today
        );

    [Fact]
    public void A_certificate_is_issued_no_later_than_today_and_expires_after_its_issue()
    {
        var future = Assert.Throws<ValidationException>(() => Electrician(Today.AddDays(1), Today.AddYears(6)));
        Assert.Equal(["issuedOn"], future.Errors.Keys);
        var backwards = Assert.Throws<ValidationException>(() => Electrician(Today.AddYears(-1), Today.AddYears(-1)));
        Assert.Equal(["expiresOn"], backwards.Errors.Keys);
        Assert.Equal("T001", Electrician(Today, Today.AddYears(6)).Number);
    }

    [Fact]
    public void The_last_day_is_still_valid_and_the_reminder_window_counts_from_today()
    {
        var c = Electrician(Today.AddYears(-6), Today.AddDays(30));
        Assert.Equal(CertificateStatus.Expiring, c.StatusOn(Today, 30));
        Assert.Equal(CertificateStatus.Valid, c.StatusOn(Today.AddDays(-1), 30));
        Assert.True(c.IsValidOn(Today.AddDays(30)));
        Assert.Equal(CertificateStatus.Expiring, c.StatusOn(Today.AddDays(30), 30));
        Assert.False(c.IsValidOn(Today.AddDays(31)));
        Assert.Equal(CertificateStatus.Lapsed, c.StatusOn(Today.AddDays(31), 30));
        Assert.False(c.IsValidOn(Today.AddYears(-7)));
    }

    [Fact]
    public void A_renewal_runs_past_the_current_expiry_and_keeps_the_number_unless_a_new_one_is_given()
    {
        var c = Electrician(Today.AddYears(-6), Today.AddDays(-3));
        var refused = Assert.Throws<RuleException>(() => c.Renew(null, Today.AddDays(-10), Today.AddDays(-3), Today));
        Assert.Equal("certificate.renewal_not_later", refused.Code);
        Assert.Equal(0, c.Renewals);

        c.Renew(" ", Today, Today.AddYears(6), Today);
        Assert.Equal(("T001", Today, Today.AddYears(6), 1), (c.Number, c.IssuedOn, c.ExpiresOn, c.Renewals));
        Assert.Equal(CertificateStatus.Valid, c.StatusOn(Today, 30));
        c.Renew("T002", Today, Today.AddYears(7), Today);
        Assert.Equal(("T002", 2), (c.Number, c.Renewals));
    }
}
