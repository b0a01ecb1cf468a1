using System.Security.Cryptography;
using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Gate.Domain;

/// <summary>A visitor pass checked offline with only the project's public key, and the gate's rules on entries and windows.</summary>
public sealed class VisitorPassRulesTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Project = Guid.NewGuid();

    private static PassClaims Claims(Guid project) => new(Guid.NewGuid(), project, From, From.AddHours(4), 2, 3);

    [Fact]
    public void A_pass_is_verified_with_the_public_key_alone_and_an_altered_or_foreign_one_is_not()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = signer.ExportSubjectPublicKeyInfo(); // all the gate holds
        var claims = Claims(Project);
        var payload = PassToken.Sign(claims, signer);

        var read = PassToken.Verify(payload, publicKey);
        Assert.Equal(claims, read);
        Assert.True(read!.IsValidAt(From.AddHours(1)));
        Assert.False(read.IsValidAt(From.AddHours(4))); // expired at its end
        Assert.False(read.IsValidAt(From.AddMinutes(-1)));

        // One more entry written into the body: the signature no longer matches.
        var forged = PassToken.Body(claims with { MaxEntries = 9 });
        var parts = payload[PassToken.Prefix.Length..].Split('.');
        var tampered =
            PassToken.Prefix
            + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            + "."
            + parts[1];
        Assert.NotNull(PassToken.Peek(tampered));
        Assert.Null(PassToken.Verify(tampered, publicKey));

        // Signed by another project's key.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Null(PassToken.Verify(PassToken.Sign(claims, other), publicKey));
        Assert.Null(PassToken.Verify("WYV1.nonsense", publicKey));
        Assert.Null(PassToken.Verify("hello", publicKey));
    }

    [Fact]
    public void A_permit_qr_is_verified_with_the_public_key_alone_and_an_altered_or_foreign_one_is_not()
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = signer.ExportSubjectPublicKeyInfo();
        var claims = new PermitClaims(Guid.NewGuid(), Project, "AB12CD34", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));
        var payload = PermitToken.Sign(claims, signer);
        Assert.StartsWith(PermitToken.Prefix, payload);
        Assert.Equal(claims, PermitToken.Verify(payload, publicKey));

        // The end date pushed out in the body: the signature no longer matches.
        var forged = PermitToken.Body(claims with { EndDate = new DateOnly(2027, 6, 30) });
        var parts = payload[PermitToken.Prefix.Length..].Split('.');
        var tampered =
            PermitToken.Prefix
            + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(forged)).TrimEnd('=').Replace('+', '-').Replace('/', '_')
            + "."
            + parts[1];
        Assert.Equal(new DateOnly(2027, 6, 30), PermitToken.Peek(tampered)!.EndDate);
        Assert.Null(PermitToken.Verify(tampered, publicKey));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Null(PermitToken.Verify(PermitToken.Sign(claims, other), publicKey));
        // A visitor pass is not a permit, nor the reverse.
        Assert.Null(PermitToken.Verify(PassToken.Sign(Claims(Project), signer), publicKey));
        Assert.Null(PassToken.Verify(payload, publicKey));
    }

    private static VisitorPass Pass(int entries) =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Project,
            UnitId = Guid.NewGuid(),
            VisitorName = "访客",
            Code = "ABCDEFGH",
            Status = PassStatus.Active,
            ValidFrom = From,
            ValidTo = From.AddHours(4),
            MaxEntries = entries,
            People = 1,
        };

    [Fact]
    public void Entries_beyond_the_count_outside_the_window_or_before_the_owner_answers_are_refused()
    {
        var pass = Pass(1);
        var stay = pass.Enter(From.AddMinutes(5), Guid.NewGuid(), typed: false);
        stay.Leave(From.AddMinutes(50), Guid.NewGuid());
        Assert.Equal("gate_entry.already_out", Assert.Throws<RuleException>(() => stay.Leave(From.AddHours(1), Guid.Empty)).Code);
        Assert.Equal("visitor_pass.used_up", Assert.Throws<RuleException>(() => pass.Enter(From.AddHours(1), Guid.Empty, false)).Code);
        Assert.Equal("visitor_pass.expired", Assert.Throws<RuleException>(() => Pass(2).Enter(From.AddHours(4), Guid.Empty, false)).Code);
        Assert.Equal("visitor_pass.not_yet", Assert.Throws<RuleException>(() => Pass(2).Enter(From.AddHours(-1), Guid.Empty, false)).Code);

        var walkIn = Pass(1);
        walkIn.Status = PassStatus.AwaitingOwner;
        Assert.Equal("visitor_pass.awaiting_owner", Assert.Throws<RuleException>(() => walkIn.Enter(From, Guid.Empty, false)).Code);
        walkIn.Answer(false, Guid.NewGuid(), From);
        Assert.Equal("visitor_pass.refused", Assert.Throws<RuleException>(() => walkIn.Enter(From, Guid.Empty, false)).Code);
        Assert.Equal("visitor_pass.not_waiting", Assert.Throws<RuleException>(() => walkIn.Answer(true, Guid.Empty, From)).Code);
    }
}
