using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Inspections.Jobs;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.WorkOrders;

namespace Wuye.Tests.Modules.Inspections;

[Collection(nameof(InspectionsApiCollection))]
public sealed class InspectionReminderJobTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Thursday 19 November 2026, 10:00 in China.
    private readonly FakeTimeProvider _clock = Clocks.At(Clocks.China(2026, 11, 19, 10).ToUniversalTime());
    private WuyeApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Moves the clock forward to a China time of 2026; tokens signed before may have expired, so they are dropped.</summary>
    private void At(int month, int day, int hour, int minute = 0)
    {
        _clock.SetUtcNow(Clocks.China(2026, month, day, hour, minute).ToUniversalTime());
        _app.ForgetTokens();
    }

    private Task<int> SurveyJobAsync() => _app.Services.GetRequiredService<SurveyReminderJob>().RunOnceAsync();

    private Task<int> NoticeJobAsync() => _app.Services.GetRequiredService<NoticeOverdueReminderJob>().RunOnceAsync();

    /// <summary>In-app messages whose title contains <paramref name="text"/>, as "recipient user name: title".</summary>
    private Task<List<string>> InAppAsync(string text) =>
        _app.DbAsync(async db =>
        {
            var rows = await db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains(text))
                .Select(m => new { m.Title, User = db.Users.Where(u => u.Id == m.RecipientUserId).Select(u => u.UserName).First() })
                .ToListAsync();
            return rows.Select(r => $"{r.User}: {r.Title}").OrderBy(x => x).ToList();
        });

    private Task<Guid> NewSiteAsync(string name) => WorkOrderTestKit.NewProjectAsync(_app, name);

    [Fact]
    public async Task Surveys_coming_due_remind_the_supervisor_once_and_overdue_ones_are_flagged_once_to_the_managers_too()
    {
        var site = await NewSiteAsync("桃源里（前期驻点）");
        var inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "仪容仪表",
                    observation = "着装规范",
                }
            )
            .OkAsync();

        // Eleven days before the month ends: too early.
        await SurveyJobAsync();
        Assert.Empty(await InAppAsync("桃源里"));

        // Saturday 28 November, within three days of the month's end: the supervisor is reminded, once.
        At(11, 28, 10);
        await SurveyJobAsync();
        await SurveyJobAsync();
        Assert.Equal(["inspector: 桃源里（前期驻点） 销售部月度服务质量调查待完成"], await InAppAsync("桃源里"));
        // The supervision page says the reminder went out, on the site's row for the month.
        var html = System.Net.WebUtility.HtmlDecode(await (await _app.As("inspector")).GetStringAsync("/inspections/supervision"));
        var row = System.Text.RegularExpressions.Regex.Match(
            html,
            "<tr data-site=\"桃源里（前期驻点）\" data-respondent=\"sales_office\" data-period=\"2026-11\".*?</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        Assert.True(row.Success);
        Assert.Contains("已提醒 11-28 10:00", row.Value);

        // 1 December: November's survey never came in. Flagged to the supervisor and the company's manager, once.
        At(12, 1, 9);
        inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-supervision/checks",
                new
                {
                    projectId = site,
                    topics = "礼仪规范",
                    observation = "问候规范",
                }
            )
            .OkAsync();
        await SurveyJobAsync();
        await SurveyJobAsync();
        Assert.Equal(
            ["inspector: 桃源里（前期驻点） 销售部月度服务质量调查已逾期", "manager: 桃源里（前期驻点） 销售部月度服务质量调查已逾期"],
            await InAppAsync("桃源里（前期驻点） 销售部月度服务质量调查已逾期")
        );

        // 29 December: the quarter's developer survey is in, so only December's sales-office survey is reminded.
        At(12, 29, 10);
        inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                "/api/v1/site-surveys",
                new
                {
                    projectId = site,
                    respondent = "developer",
                    respondentName = "开发商项目总 王总",
                    answers = Enumerable.Range(1, 7).Select(p => new { position = p, score = 4 }).ToArray(),
                }
            )
            .OkAsync();
        await SurveyJobAsync();
        var december = (await InAppAsync("桃源里")).Where(t => t.EndsWith("待完成")).ToList();
        Assert.Equal(2, december.Count);
        Assert.DoesNotContain(december, t => t.Contains("开发建设单位"));
        Assert.Equal(2, (await InAppAsync("桃源里（前期驻点） 销售部月度服务质量调查已逾期")).Count);
    }

    [Fact]
    public async Task An_improvement_notice_past_its_deadline_without_a_reply_reminds_its_responsible_person_once_per_round()
    {
        var garden = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var inspector = await _app.As("inspector");
        var item = (await inspector.GetJsonAsync("/api/v1/check-items")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var inspection = await inspector
            .PostJsonAsync(
                "/api/v1/inspections",
                new
                {
                    projectId = garden,
                    place = "5 幢地下室",
                    results = new object[]
                    {
                        new
                        {
                            checkItemId = item,
                            sampleCount = 2,
                            findings = new object[]
                            {
                                new
                                {
                                    type = "rectification",
                                    description = "排水沟堵塞",
                                    requiredAction = "疏通并拍照",
                                    deadline = new DateOnly(2026, 11, 20),
                                },
                                new { type = "suggestion", description = "建议增设警示牌" },
                            },
                        },
                    },
                }
            )
            .OkAsync();
        var findings = inspection.GetProperty("results")[0].GetProperty("findings").EnumerateArray().ToList();
        var fix = findings.Single(f => f.GetProperty("type").GetString() == "rectification").GetProperty("noticeId").GetGuid();
        var suggestion = findings.Single(f => f.GetProperty("type").GetString() == "suggestion").GetProperty("noticeId").GetGuid();
        // The notices' other messages (issued, replied, verdict) carry the number too: the reminders are those saying 已逾期.
        var fixNumber = (await inspector.GetJsonAsync($"/api/v1/improvement-notices/{fix}")).GetProperty("number").GetString()!;
        var suggestionNumber = (await inspector.GetJsonAsync($"/api/v1/improvement-notices/{suggestion}"))
            .GetProperty("number")
            .GetString()!;

        // On the deadline day it is not late yet.
        At(11, 20, 23, 30);
        await NoticeJobAsync();
        Assert.Empty(await InAppAsync($"{fixNumber} 已逾期"));

        // The next morning the project manager (the responsible person) is reminded, and a second run adds nothing.
        At(11, 21, 8);
        Assert.True(await NoticeJobAsync() >= 1);
        await NoticeJobAsync();
        Assert.Equal([$"pm: 工作改进通知单 {fixNumber} 已逾期"], await InAppAsync($"{fixNumber} 已逾期"));
        // The second run skipped it in SQL rather than colliding on the outbox's unique key: nothing was left for it to try.
        Assert.Equal(
            0,
            await _app.DbAsync(db =>
                db.Set<Wuye.Modules.Inspections.Domain.ImprovementNotice>()
                    .CountAsync(n =>
                        n.Id == fix
                        && !db.Set<OutboxMessage>()
                            .Any(m =>
                                m.DedupeKey
                                == "notice-overdue:"
                                    + n.Id.ToString()
                                    + ":"
                                    + n.Round.ToString()
                                    + ":"
                                    + n.ResponsibleUserId.ToString().Replace("-", "")
                                    + ":InApp"
                            )
                    )
            )
        );
        Assert.Empty(await InAppAsync($"{suggestionNumber} 已逾期"));

        // Replied, then reopened by the second verification with a new deadline that passes too: reminded again for round 2.
        At(11, 21, 9);
        var pm = await _app.As("pm");
        await pm.PostJsonAsync($"/api/v1/improvement-notices/{fix}/reply", new { text = "已疏通" }).OkAsync();
        inspector = await _app.As("inspector");
        await inspector
            .PostJsonAsync(
                $"/api/v1/improvement-notices/{fix}/reverify",
                new
                {
                    passed = false,
                    note = "仍有积水",
                    newDeadline = new DateOnly(2026, 11, 23),
                }
            )
            .OkAsync();
        await NoticeJobAsync();
        Assert.Single(await InAppAsync($"{fixNumber} 已逾期"));
        At(11, 24, 8);
        await NoticeJobAsync();
        await NoticeJobAsync();
        Assert.Equal(2, (await InAppAsync($"{fixNumber} 已逾期")).Count);

        // The suggestion's week runs out on the 26th: its reminder asks for the answer.
        At(11, 27, 8);
        await NoticeJobAsync();
        var told = Assert.Single(await InAppAsync($"{suggestionNumber} 已逾期"));
        Assert.StartsWith("pm:", told);
        var body = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Title.Contains(suggestionNumber) && m.Channel == NotificationChannel.InApp)
                .Select(m => m.Body)
                .FirstAsync()
        );
        Assert.Contains("采纳或落实", body);
    }
}
