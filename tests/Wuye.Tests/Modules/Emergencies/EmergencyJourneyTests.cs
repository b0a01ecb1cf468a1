using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Emergencies.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>One Kestrel-served app on a clock the journeys move forward only.</summary>
public sealed class ClockedBrowser(TestCluster cluster) : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = Clocks.Now();
    public BrowserApp Browser { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Browser = new BrowserApp(cluster, Clock);
        return Browser.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>
/// On a 375 px phone: the guard runs an elevator entrapment from its plan with the maintenance company late; the technician plans a
/// water outage a day and more ahead and its notice reaches the owner in time, then one left unannounced past its deadline (the clock
/// moved) is flagged late.
/// </summary>
public sealed class EmergencyJourneyTests(ClockedBrowser shared) : IClassFixture<ClockedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Browser;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task An_elevator_entrapment_is_run_from_its_plan_on_a_phone_with_the_late_step_flagged()
    {
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync("/emergencies");
        await page.Locator("[data-testid=plans] [data-plan='电梯困人应急预案']").First.ClickAsync();
        await page.ClickAsync("[data-testid=start-open]");
        await page.FillAsync("#location", "3 号梯");
        await page.ClickAsync("[data-testid=start]");
        await page.WaitForURLAsync(u => u.Contains("/emergencies/incidents/"));
        await page.AssertFitsPhoneAsync();
        await page.ClickAsync("[data-testid=tick-1]");
        Assert.Equal("True", await page.GetAttributeAsync("[data-step='1']", "data-done"));
        Assert.Equal("False", await page.GetAttributeAsync("[data-step='1']", "data-late"));

        // The maintenance company comes 40 minutes in: its 30-minute step is late, the earlier ones are too.
        shared.Clock.Advance(TimeSpan.FromMinutes(40));
        await page.ReloadAsync();
        await page.ClickAsync("[data-testid=tick-4]");
        Assert.Equal("True", await page.GetAttributeAsync("[data-step='4']", "data-late"));
        Assert.Equal("False", await page.GetAttributeAsync("[data-step='1']", "data-late"));
        Assert.NotEqual("0", await page.GetAttributeAsync("[data-testid=incident-summary]", "data-late"));

        // Closing with steps open needs a reason.
        await page.FillAsync("#cause", "门锁回路故障");
        await page.FillAsync("#summary", "维保 40 分钟到场放人");
        await page.ClickAsync("[data-testid=close]");
        Assert.Contains("未完成", await page.InnerTextAsync("[data-testid=error]"));
        await page.FillAsync("#cause", "门锁回路故障");
        await page.FillAsync("#summary", "维保 40 分钟到场放人");
        await page.FillAsync("#reason", "被困人员已离开，其余步骤不再需要");
        await page.ClickAsync("[data-testid=close]");
        Assert.Equal("已结束", (await page.InnerTextAsync("[data-testid=incident-state]")).Trim());
        await page.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task An_outage_notice_reaches_the_residents_a_day_ahead_and_one_unannounced_past_its_deadline_is_flagged()
    {
        var h = await OutageTests.OwnersHomeAsync(_b.App);
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "tech");
        await page.GotoAsync("/emergencies");
        await page.ClickAsync("[data-testid=outages-link]");
        var form = page.Locator("[data-testid=plan-outage]");
        await form.Locator($"input[name=buildingIds][value='{h.Building}']").CheckAsync();
        var start = await form.Locator("#startsAt").InputValueAsync();
        await form.Locator("#expectedEndAt").FillAsync(DateTime.Parse(start).AddHours(4).ToString("yyyy-MM-ddTHH:mm"));
        await form.Locator("#reason").FillAsync("屋面水箱清洗");
        await page.ClickAsync("[data-testid=plan-outage-submit]");
        Assert.Contains("临时供水", await page.InnerTextAsync("[data-testid=temporary-water-error]"));
        await page.AssertFitsPhoneAsync();

        await form.Locator($"input[name=buildingIds][value='{h.Building}']").CheckAsync();
        await form.Locator("#expectedEndAt").FillAsync(DateTime.Parse(start).AddHours(4).ToString("yyyy-MM-ddTHH:mm"));
        await form.Locator("#reason").FillAsync("屋面水箱清洗");
        await form.Locator("#temporaryWater").FillAsync("1 楼大堂设临时水点");
        await page.ClickAsync("[data-testid=plan-outage-submit]");
        await page.WaitForURLAsync(u => u.Contains("/emergencies/outages/"));
        await page.ClickAsync("[data-testid=publish-notice]");
        await page.Locator("[data-testid=timeline] [data-kind=Notice]").WaitForAsync();
        Assert.Equal("false", await page.GetAttributeAsync("[data-testid=timeline] [data-kind=Notice]", "data-late"));
        await page.AssertFitsPhoneAsync();

        // The owner finds it on the board, more than a day ahead.
        var sent = await _b.App.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.RecipientUserId == h.Owner && m.Channel == NotificationChannel.InApp && m.Title.Contains("停水通知"))
                .Select(m => m.CreatedAt)
                .SingleAsync()
        );
        var starts = new DateTimeOffset(DateTime.Parse(start), TimeSpan.FromHours(8));
        Assert.True(sent <= starts.AddHours(-24));
        var owner = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(owner, "owner");
        await owner.GotoAsync("/portal/notices");
        Assert.Contains("停水通知", await owner.InnerTextAsync("body"));

        // A second outage 30 hours ahead is left unannounced; eight hours on its deadline has passed.
        var late = await (await _b.App.As("tech"))
            .PostJsonAsync(
                "/api/v1/planned-outages",
                new
                {
                    projectId = h.Project,
                    kind = "power",
                    buildingIds = new[] { h.Building },
                    startsAt = shared.Clock.GetUtcNow().AddHours(30),
                    expectedEndAt = shared.Clock.GetUtcNow().AddHours(31),
                    reason = "配电柜检修",
                }
            )
            .OkAsync();
        shared.Clock.Advance(TimeSpan.FromHours(8));
        await page.GotoAsync("/emergencies/outages");
        Assert.Equal("true", await page.GetAttributeAsync("[data-outage='配电柜检修']", "data-late"));
        await page.ClickAsync("[data-outage='配电柜检修']");
        await page.ClickAsync("[data-testid=publish-notice]");
        await page.Locator("[data-testid=notice-late]").WaitForAsync();
        Assert.Equal("true", await page.GetAttributeAsync("[data-testid=timeline] [data-kind=Notice]", "data-late"));
        Assert.Equal(late.GetProperty("id").GetGuid().ToString(), page.Url.Split('/')[^1]);

        // Called off from its page: a neutral "cancelled" badge, not the green of a restored supply, and its notice is off the board.
        await page.FillAsync("[data-testid=cancel-reason]", "配电柜检修改期");
        await page.ClickAsync("[data-testid=cancel-outage]");
        await page.Locator("[data-testid=outage-state]", new() { HasText = "已取消" }).WaitForAsync();
        var badge = (await page.GetAttributeAsync("[data-testid=outage-state]", "class"))!;
        Assert.Contains("bg-secondary-lt", badge);
        Assert.DoesNotContain("bg-green", badge);
        var lateId = late.GetProperty("id").GetGuid();
        Assert.Equal(
            [Wuye.Modules.CustomerCare.Domain.NoticeStatus.Withdrawn],
            await _b.App.DbAsync(db =>
                db.Set<Wuye.Modules.CustomerCare.Domain.Notice>()
                    .Where(n => db.Set<OutageNotice>().Any(o => o.PlannedOutageId == lateId && o.BoardNoticeId == n.Id))
                    .Select(n => n.Status)
                    .ToListAsync()
            )
        );
        await page.GotoAsync("/emergencies/outages");
        Assert.Contains("bg-secondary-lt", await page.GetAttributeAsync("[data-outage='配电柜检修'] .badge", "class"));
    }
}
