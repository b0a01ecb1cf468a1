using Wuye.Modules.Gate.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Gate.Domain;

/// <summary>The renovation's steps in order, the refund blocked until acceptance, and the allowed hours on the business calendar.</summary>
public sealed class RenovationRulesTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Friday 2026-12-04 is a working day; the weekend and a made-up holiday on Monday the 7th are not.
    private static readonly RenovationHours Hours = new(RenovationHours.Default, d =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != new DateOnly(2026, 12, 7)
    );

    private static Renovation New() =>
        new()
        {
            CompanyId = Guid.NewGuid(),
            ProjectId = Guid.NewGuid(),
            UnitId = Guid.NewGuid(),
            Contractor = "某装饰公司",
            Scope = "厨卫改造",
            StartDate = new(2026, 12, 1),
            EndDate = new(2026, 12, 31),
        };

    [Fact]
    public void A_renovation_goes_from_application_to_refund_and_the_refund_waits_for_acceptance()
    {
        var r = New();
        var by = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, China);
        r.Applied(by, at);
        Assert.Equal("renovation.sign_not_now", Assert.Throws<RuleException>(() => r.SignAgreement(Guid.NewGuid(), by, at)).Code);
        r.AskChanges(by, at, "阳台不得拆改");
        r.Resubmit(by, at, null);
        r.ApproveDrawings(by, at, null);
        // The service center cannot sign before the owner: the flow does not pass the agreement unsigned.
        Assert.Equal("renovation.agreement_unsigned", Assert.Throws<RuleException>(() => r.SignAgreement(Guid.NewGuid(), by, at)).Code);
        var ownerSignature = Guid.NewGuid();
        r.OwnerSigns(ownerSignature, "2026.1", "<p>条款</p>", by, at);
        Assert.Equal(RenovationState.DrawingsApproved, r.State);
        r.SignAgreement(Guid.NewGuid(), by, at);
        Assert.Equal((ownerSignature, "2026.1", "<p>条款</p>"), (r.OwnerSignatureId!.Value, r.AgreementVersion, r.AgreementText));
        r.PayFees(2000, by, at);
        r.IssuePermit("PERMIT01", by, at);
        Assert.True(r.MayEnter(new DateTimeOffset(2026, 12, 4, 9, 0, 0, China), Hours).Allowed);
        r.Deduct(300, "违规拆改承重墙", by, at);
        Assert.Equal("renovation.deduction_over_deposit", Assert.Throws<RuleException>(() => r.Deduct(1800, "x", by, at)).Code);
        r.Postpone(new DateOnly(2027, 1, 10), "材料未到", by, at);
        Assert.Equal(new DateOnly(2027, 1, 10), r.EndDate);
        r.RequestAcceptance(by, at);
        Assert.Equal("renovation.refund_before_acceptance", Assert.Throws<RuleException>(() => r.Refund(by, at)).Code);
        r.Accept(true, null, by, at);
        var refund = r.Refund(by, at);
        Assert.Equal((RenovationState.Refunded, 1700m), (r.State, refund.Amount));
    }

    [Fact]
    public void Workers_enter_only_in_the_hours_of_working_days_and_are_told_when_they_may()
    {
        var r = New();
        r.State = RenovationState.Permitted;
        var lunch = r.MayEnter(new DateTimeOffset(2026, 12, 4, 12, 30, 0, China), Hours);
        Assert.Equal(("after_hours", new DateTimeOffset(2026, 12, 4, 14, 0, 0, China)), (lunch.Reason, lunch.NextOpening));
        // Friday evening: next is Tuesday 08:00 (the weekend and Monday's holiday skipped).
        var evening = r.MayEnter(new DateTimeOffset(2026, 12, 4, 18, 0, 0, China), Hours);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 8, 0, 0, China), evening.NextOpening);
        Assert.False(r.MayEnter(new DateTimeOffset(2026, 12, 5, 10, 0, 0, China), Hours).Allowed);
        Assert.Equal("outside_dates", r.MayEnter(new DateTimeOffset(2027, 1, 4, 10, 0, 0, China), Hours).Reason);
        r.State = RenovationState.Accepted;
        Assert.Equal("not_permitted", r.MayEnter(new DateTimeOffset(2026, 12, 4, 10, 0, 0, China), Hours).Reason);
    }

    [Fact]
    public void Drawings_are_read_by_their_first_bytes_pdf_images_dwg_and_dxf_and_nothing_else()
    {
        static string? Sniff(string head, string name) =>
            Wuye.Modules.Gate.Features.Shared.RenovationFiles.SniffDrawing(System.Text.Encoding.ASCII.GetBytes(head), name);
        Assert.Equal("application/pdf", Sniff("%PDF-1.7\n", "plan.pdf"));
        Assert.Equal("image/vnd.dwg", Sniff("AC1032\0\0", "plan.dwg"));
        Assert.Equal("image/vnd.dxf", Sniff("  0\r\nSECTION\r\n", "plan.DXF"));
        Assert.Equal("image/vnd.dxf", Sniff("AutoCAD Binary DXF\r\n", "plan.dxf"));
        Assert.Null(Sniff("  0\r\nSECTION\r\n", "plan.txt")); // text is a DXF only by its name
        Assert.Null(Sniff("MZ\u0090\0", "plan.pdf"));
        Assert.Null(Sniff("ACAB", "plan.dwg"));
        Assert.Equal(
            "image/png",
            Wuye.Modules.Gate.Features.Shared.RenovationFiles.SniffDrawing([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "p")
        );
    }
}
