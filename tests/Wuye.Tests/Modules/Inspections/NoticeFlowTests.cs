using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Inspections;

/// <summary>
/// Issue 21 items 1 and 6: an improvement notice reaches its responsible person (notification, a to-do line, a menu
/// path), the inspector hears of the reply, the second verification is offered from its date, and every date is sane.
/// </summary>
[Collection(nameof(InspectionsBrowserCollection))]
public sealed class NoticeFlowTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    private async Task<(HttpClient Inspector, Guid Garden, Guid Item, Dictionary<string, Guid> Users)> SetUpAsync(string code)
    {
        var inspector = await _b.App.As("inspector");
        var garden = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var users = await _b.App.DbAsync(db => db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var item = (
            await inspector
                .PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code,
                        area = "safety",
                        description = $"{code} 岗亭值守记录完整",
                        method = "查看记录",
                        sampling = "抽查 3 天",
                        pointsPerDeduction = 2,
                        frequency = "monthly",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        return (inspector, garden, item, users);
    }

    [Fact]
    public async Task A_notice_for_the_guard_reaches_him_and_his_reply_reaches_the_inspector()
    {
        var (inspector, garden, item, users) = await SetUpAsync("NF-1");
        var recorded = await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = garden,
                    place = "东门岗亭",
                    results = new[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 3,
                            findings = new[]
                            {
                                new
                                {
                                    type = "deduction",
                                    description = "值守记录缺两天",
                                    requiredAction = "补齐记录",
                                    deadline = Today.AddDays(2),
                                    reverifyOn = Today.AddDays(5),
                                    responsibleUserId = users["guard"],
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        var noticeId = recorded.GetProperty("results")[0].GetProperty("findings")[0].GetProperty("noticeId").GetGuid();

        // Told through the outbox, with the link to his notices.
        var told = await _b.App.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m =>
                    m.RecipientUserId == users["guard"] && m.Channel == NotificationChannel.InApp && m.Link!.Contains(noticeId.ToString())
                )
                .ToListAsync()
        );
        Assert.Single(told);
        Assert.StartsWith("/inspections/notices", told[0].Link);

        // His home's to-do list and his menu lead to it.
        var page = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(page, "guard");
        await page.GotoAsync(Roles.Find(Roles.SecurityGuard)!.Home);
        var task = page.Locator("[data-testid=task]", new() { HasText = "待整改的改进通知单" });
        Assert.Equal("1", (await task.Locator("[data-testid=task-count]").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("#main-nav [data-testid=nav-notices]").CountAsync());
        await page.GotoAsync((await task.GetAttributeAsync("href"))!);
        var card = page.Locator($"#n-{noticeId}");
        Assert.Contains("值守记录缺两天", await card.InnerTextAsync());
        await page.AssertFitsPhoneAsync();

        // He reports the fix from that page; the inspector is told, and sees the verification is not due yet (and when it is).
        await card.Locator("[data-testid=reply-form] textarea").FillAsync("已补齐两天的值守记录");
        await card.Locator("[data-testid=reply-form] button[type=submit]").ClickAsync();
        await card.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached }); // the open list reloads without it
        Assert.True(
            await _b.App.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m =>
                        m.RecipientUserId == users["inspector"]
                        && m.Channel == NotificationChannel.InApp
                        && m.DedupeKey!.StartsWith($"improvement-notice:{noticeId:N}:replied")
                    )
            )
        );

        var insp = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(insp, "inspector");
        await insp.GotoAsync("/inspections/notices?status=replied&mine=true");
        var replied = insp.Locator($"#n-{noticeId}");
        Assert.Equal(0, await replied.Locator("[data-testid=reverify-form]").CountAsync());
        Assert.Contains(Today.AddDays(5).ToString("yyyy-MM-dd"), await replied.Locator("[data-testid=reverify-not-yet]").InnerTextAsync());
        await insp.AssertFitsPhoneAsync();
    }

    [Fact]
    public async Task Every_date_entered_in_the_inspections_is_bounded_to_a_sane_window()
    {
        var (inspector, garden, item, users) = await SetUpAsync("NF-2");
        object Finding(DateOnly deadline, DateOnly? reverifyOn) =>
            new
            {
                projectId = garden,
                place = "北门",
                results = new[]
                {
                    new
                    {
                        checkItemId = item,
                        sampleCount = 1,
                        findings = new[]
                        {
                            new
                            {
                                type = "rectification",
                                description = "灭火器过期",
                                requiredAction = "更换",
                                deadline,
                                reverifyOn,
                                responsibleUserId = users["guard"],
                            },
                        },
                    },
                },
            };
        var far = new DateOnly(2999, 12, 31);
        // Past the module's window (a year from today) the message names its last day; the year 2999 is
        // already out of every date the platform reads (1900..2100), and is refused on the same field.
        var later = Today.AddYears(3);
        foreach (
            var (body, field, says) in new[]
            {
                (Finding(later, null), "results[0].findings[0].deadline", Today.AddDays(366).ToString("yyyy-MM-dd")),
                (Finding(Today, later), "results[0].findings[0].reverifyOn", Today.AddDays(366).ToString("yyyy-MM-dd")),
                (Finding(far, null), "results[0].findings[0].deadline", "2100-12-31"),
            }
        )
        {
            var res = await inspector.PostJsonAsync("/api/v1/inspections", body);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            var message = (await res.JsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains(says, message);
        }

        // A failed verification's new deadline is bounded too: the notice would otherwise never close.
        var ok = await inspector.PostJsonAsync("/api/v1/inspections", Finding(Today, Today)).OkAsync();
        var noticeId = ok.GetProperty("results")[0].GetProperty("findings")[0].GetProperty("noticeId").GetGuid();
        var guard = await _b.App.As("guard");
        await guard.PostJsonAsync($"/api/v1/improvement-notices/{noticeId}/reply", new { text = "已更换" }).OkAsync();
        var reopen = await inspector.PostJsonAsync(
            $"/api/v1/improvement-notices/{noticeId}/reverify",
            new { passed = false, newDeadline = far }
        );
        Assert.Equal(HttpStatusCode.BadRequest, reopen.StatusCode);
        Assert.True((await reopen.JsonAsync()).GetProperty("errors").TryGetProperty("newDeadline", out _));

        // Plans, mystery audits, team checks and wave campaigns: no year 2999 and no check dated decades back.
        var plan = await inspector.PostJsonAsync(
            "/api/v1/inspection-plans",
            new
            {
                name = "远期计划",
                level = "quality_department",
                startMonth = "2999-12",
                projectIds = new[] { garden },
                checkItemIds = new[] { item },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, plan.StatusCode);
        Assert.True((await plan.JsonAsync()).GetProperty("errors").TryGetProperty("startMonth", out _));
        var audit = await inspector.PostJsonAsync(
            "/api/v1/mystery-audits",
            new
            {
                projectId = garden,
                month = "2999-12",
                title = "暗访",
                requirements = "服务态度",
                visitorAlias = "访客甲",
                checkItemIds = new[] { item },
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, audit.StatusCode);
        Assert.True((await audit.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _));
        var wave = await inspector.PostJsonAsync(
            "/api/v1/wave-inspections",
            new
            {
                name = "远期海浪",
                startsAt = "2999-12-31T08:00:00+08:00",
                slots = new[]
                {
                    new
                    {
                        teamName = "一组",
                        memberUserIds = new[] { users["inspector"] },
                        projectId = garden,
                        startsAt = "2999-12-31T08:00:00+08:00",
                        endsAt = "2999-12-31T10:00:00+08:00",
                    },
                    new
                    {
                        teamName = "二组",
                        memberUserIds = new[] { users["manager"] },
                        projectId = garden,
                        startsAt = "2999-12-31T10:00:00+08:00",
                        endsAt = "2999-12-31T12:00:00+08:00",
                    },
                },
            }
        );
        var waveText = await wave.Content.ReadAsStringAsync();
        Assert.True(wave.StatusCode == HttpStatusCode.BadRequest && waveText.Contains("\"startsAt\""), waveText);
    }
}
