using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Jobs;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Regulation;

/// <summary>
/// The regulator's half-year on phones (375 px), with a moved clock: the regulator launches a campaign; the company's manager finds
/// the self-check on the home to-do list and submits it; the regulator's inspection of 锦绣花园 puts two findings into the ledger;
/// the company answers one with a photo; the deadline passes on the other and the deadline job makes it overdue bad conduct; in the
/// inspection phase the regulator reports the results, closes the rating period, which ranks the companies, and the public page
/// (no sign-in) shows the grades.
/// </summary>
public sealed class RegulatorJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(10), China));
    private readonly BrowserApp _b;

    public RegulatorJourneyTests(TestCluster cluster) => _b = new BrowserApp(cluster, _clock);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    private static string On(int days) => Day.AddDays(days).ToString("yyyy-MM-dd");

    private async Task<IPage> PhoneAsync(string user)
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    [Fact]
    public async Task A_campaign_finding_is_answered_with_a_photo_another_goes_overdue_and_the_close_publishes_the_grades()
    {
        var regulator = await PhoneAsync("regulator");
        await regulator.GotoAsync("/regulation/campaigns");
        await regulator.ClickAsync("summary:has-text('部署专项行动')");
        await regulator.FillAsync("[data-testid=campaign-form] [name=title]", "物业管理我来治（第二批）");
        await regulator.FillAsync("[data-testid=campaign-form] [name=selfCheckDue]", On(2));
        await regulator.FillAsync("[data-testid=campaign-form] [name=rectifyDue]", On(4));
        await regulator.FillAsync("[data-testid=campaign-form] [name=endsOn]", On(10));
        await regulator.ClickAsync("[data-testid=campaign-launch]");
        await regulator.WaitForURLAsync("**/regulation/campaigns?id=*");
        var campaignUrl = regulator.Url;
        Assert.Equal("SelfCheck", await regulator.GetAttributeAsync("[data-testid=campaign]", "data-phase"));
        await regulator.AssertFitsPhoneAsync();

        var manager = await PhoneAsync("manager");
        await manager.GotoAsync("/home/company");
        await manager.ClickAsync("[data-testid=task]:has-text('专项行动待提交自查报告')");
        await manager.WaitForURLAsync("**/regulation/campaigns");
        await manager.FillAsync("[data-testid=self-check-form] [name=text]", "三个项目逐项自查消防通道和应急照明");
        await manager.FillAsync("[data-testid=self-check-form] [name=issuesFound]", "2");
        await manager.FillAsync("[data-testid=self-check-form] [name=issuesFixed]", "1");
        await manager.ClickAsync("[data-testid=self-check-form] button[type=submit]");
        await manager.WaitForURLAsync("**/regulation/campaigns?id=*");
        Assert.Equal("已自查", (await manager.InnerTextAsync("[data-testid=self-check-state]")).Trim());
        await manager.AssertFitsPhoneAsync();

        await regulator.GotoAsync(campaignUrl);
        await regulator.SelectOptionAsync(
            "[data-testid=inspection-form] [name=projectId]",
            new SelectOptionValue { Label = "锦绣花园 · 锦华物业服务有限公司" }
        );
        await regulator.SelectOptionAsync("[data-testid=inspection-form] [name=method]", "Unannounced");
        await regulator.FillAsync("[data-testid=inspection-form] [name=findings]", "消防栓箱玻璃破损\n楼道应急灯不亮");
        await regulator.FillAsync("[data-testid=inspection-form] [name=deadline]", On(3));
        await regulator.ClickAsync("[data-testid=inspection-record]");
        await regulator.WaitForURLAsync("**/regulation/campaigns?id=*");
        Assert.Contains("发现问题 2 个", await regulator.InnerTextAsync("[data-testid=campaign-inspections]"));

        await manager.GotoAsync("/regulation/ledger");
        var fixedOne = manager.Locator("[data-problem]:has-text('消防栓箱玻璃破损')");
        await fixedOne.Locator("[name=text]").FillAsync("已更换消防栓箱玻璃");
        await fixedOne
            .Locator("[name=photos]")
            .SetInputFilesAsync(
                new FilePayload
                {
                    Name = "消防栓箱.png",
                    MimeType = "image/png",
                    Buffer = Wuye.Tests.Platform.FileTests.Png,
                }
            );
        await fixedOne.Locator("button[type=submit]").ClickAsync();
        await manager.WaitForURLAsync("**/regulation/ledger");
        fixedOne = manager.Locator("[data-problem]:has-text('消防栓箱玻璃破损')");
        Assert.Equal("Answered", await fixedOne.GetAttributeAsync("data-state"));
        Assert.Equal(1, await fixedOne.Locator("[data-testid=answer-photos] img").CountAsync());
        await manager.AssertFitsPhoneAsync();

        _clock.SetUtcNow(new DateTimeOffset(Day.AddDays(5).AddHours(10), China).ToUniversalTime());
        Assert.True(await _b.App.Services.GetRequiredService<ProblemDeadlineJob>().RunOnceAsync() >= 1);
        manager = await PhoneAsync("manager");
        await manager.GotoAsync("/regulation/ledger");
        var missed = manager.Locator("[data-problem]:has-text('楼道应急灯不亮')");
        Assert.Equal("Overdue", await missed.GetAttributeAsync("data-state"));
        Assert.Contains("已记入不良行为", await missed.InnerTextAsync());
        Assert.Equal("Answered", await manager.Locator("[data-problem]:has-text('消防栓箱玻璃破损')").GetAttributeAsync("data-state"));

        regulator = await PhoneAsync("regulator");
        await regulator.GotoAsync(campaignUrl);
        Assert.Equal("Inspection", await regulator.GetAttributeAsync("[data-testid=campaign]", "data-phase"));
        await regulator.FillAsync(
            "[data-testid=report-form] [name=summary]",
            "检查项目 1 个，发现问题 2 个，已整改 1 个，逾期 1 个已记入不良行为"
        );
        await regulator.ClickAsync("[data-testid=report-submit]");
        await regulator.Locator("[data-testid=campaign-summary]").WaitForAsync();
        Assert.Equal("Reported", await regulator.GetAttributeAsync("[data-testid=campaign]", "data-phase"));

        // The regulator's own record with a photo; the company sees it and objects with a photo of its own, from the page.
        FilePayload Png(string name) =>
            new()
            {
                Name = name,
                MimeType = "image/png",
                Buffer = Wuye.Tests.Platform.FileTests.Png,
            };
        await regulator.GotoAsync("/regulation/credit");
        await regulator.SelectOptionAsync(
            "[data-testid=record-form] [name=companyId]",
            new SelectOptionValue { Label = "锦华物业服务有限公司" }
        );
        await regulator.SelectOptionAsync("[data-testid=record-form] [name=itemCode]", "rectify_late");
        await regulator.FillAsync("[data-testid=record-form] [name=evidence]", "复查：楼道应急灯仍不亮（附现场照片）");
        await regulator.SetInputFilesAsync("[data-testid=record-form] [name=photos]", Png("应急灯.png"));
        await regulator.ClickAsync("[data-testid=record-form] button[type=submit]");
        await regulator.WaitForURLAsync("**/regulation/credit");
        var ours = regulator.Locator("[data-record]:has-text('楼道应急灯仍不亮')");
        Assert.Equal(1, await ours.Locator("[data-testid=record-photos] img").CountAsync());
        await manager.GotoAsync("/regulation/credit");
        var theirs = manager.Locator("[data-record]:has-text('楼道应急灯仍不亮')");
        Assert.Equal(1, await theirs.Locator("[data-testid=record-photos] img").CountAsync());
        await theirs.Locator("[data-testid=object-form] [name=reason]").FillAsync("应急灯已于当日更换");
        await theirs.Locator("[data-testid=object-form] [name=photos]").SetInputFilesAsync(Png("更换后.png"));
        await theirs.Locator("[data-testid=object-form] button[type=submit]").ClickAsync();
        await manager.WaitForURLAsync("**/regulation/credit");
        theirs = manager.Locator("[data-record]:has-text('楼道应急灯仍不亮')");
        Assert.Equal(1, await theirs.Locator("[data-testid=objection-photos] img").CountAsync());
        await manager.AssertFitsPhoneAsync();

        // The close waits for the last period's figures to be scored (the job; the demo did the day after the period ended) and for
        // their records to pass the objection window.
        await _b.App.Services.GetRequiredService<FigureConductJob>().RunOnceAsync();
        var offered = await _b.App.DbAsync(db =>
            db.Set<ConductRecord>().Where(r => r.FigurePeriod != null).MaxAsync(r => (DateOnly?)r.AppealUntil)
        );
        if (offered is { } until && until >= DateOnly.FromDateTime(Day.AddDays(5)))
        {
            _clock.SetUtcNow(new DateTimeOffset(until.AddDays(1).ToDateTime(new TimeOnly(10, 0)), China).ToUniversalTime());
            regulator = await PhoneAsync("regulator");
        }
        await regulator.GotoAsync("/regulation/credit");
        var period = await regulator.GetAttributeAsync("[data-testid=close-form] [name=period]", "value");
        await regulator.ClickAsync("[data-testid=close-form] button[type=submit]");
        await regulator.Locator("[data-testid=ratings]").WaitForAsync();
        var ranked = await regulator.Locator("[data-testid=ratings] [data-company]").AllInnerTextsAsync();
        Assert.True(ranked.Count >= 2);
        Assert.StartsWith("1.", ranked[0].Trim());
        await regulator.AssertFitsPhoneAsync();

        var visitor = await _b.NewPageAsync(375, 800);
        await visitor.GotoAsync("/public/credit-ratings");
        var board = visitor.Locator($"[data-testid=board][data-period='{period}']");
        Assert.True(await board.Locator("[data-testid=public-rating] [data-testid=grade]").CountAsync() >= 2);
        Assert.Contains("锦华物业服务有限公司", await board.InnerTextAsync());
        await visitor.AssertFitsPhoneAsync();
    }
}
