using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Emergencies.Jobs;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Emergencies;

/// <summary>
/// A fire drill on a 375 px phone: the project manager schedules it from the plan's drill cycle, runs it (the incident page in drill
/// mode), completes it with a finding for the technician; the technician is told, finds it on his home list and marks it done.
/// </summary>
public sealed class DrillJourneyTests(SharedBrowser shared) : IClassFixture<SharedBrowser>, IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Browser;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    internal static object Fire(Guid project, string title) =>
        new
        {
            projectId = project,
            kind = "fire",
            title,
            steps = new object[]
            {
                new
                {
                    action = "确认火情并报警",
                    role = "security_guard",
                    targetMinutes = 1,
                },
                new
                {
                    action = "组织疏散",
                    role = "project_manager",
                    targetMinutes = 5,
                },
            },
            contacts = new object[] { new { name = "火警", phone = "119" } },
        };

    internal static Task<Guid> ProjectOfAsync(WuyeApp app, string user) =>
        app.DbAsync(db =>
            db.RoleAssignments.Where(r => db.Users.Any(u => u.Id == r.UserId && u.UserName == user) && r.ProjectId != null)
                .Select(r => r.ProjectId!.Value)
                .FirstAsync()
        );

    [Fact]
    public async Task A_fire_drill_is_scheduled_run_and_its_finding_becomes_the_technicians_action()
    {
        var project = await ProjectOfAsync(_b.App, "pm");
        var title = $"消防演练测试 {Guid.NewGuid():N}"[..14];
        await (await _b.App.As("pm")).PostJsonAsync("/api/v1/emergency-plans", Fire(project, title)).OkAsync();

        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/emergencies");
        await page.ClickAsync("[data-testid=drills-link]");
        var row = page.Locator($"[data-testid=due] [data-plan='{title}']");
        Assert.Equal("false", await row.GetAttributeAsync("data-overdue"));
        await page.AssertFitsPhoneAsync();
        await row.Locator("[data-testid=schedule-form] button").ClickAsync();
        await page.ClickAsync("[data-testid=run-drill]");
        await page.WaitForURLAsync(u => u.Contains("/emergencies/incidents/"));
        Assert.Contains("演练", await page.InnerTextAsync("h1"));
        await page.ClickAsync("[data-testid=back-to-drill]");

        // Completing with no participants is answered on the field; nothing is saved.
        var form = page.Locator("[data-testid=complete-form]");
        await form.Locator("textarea[name=summary]").FillAsync("疏散 40 人用时 6 分钟");
        await form.Locator("textarea[name=participants]").FillAsync("  ");
        await page.EvaluateAsync("() => document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.ClickAsync("[data-testid=complete-drill]");
        Assert.Contains("参加人员", await page.InnerTextAsync("[data-testid=error]"));

        await form.Locator("textarea[name=participants]").FillAsync("王经理，张保安、李客服");
        await form.Locator("textarea[name=summary]").FillAsync("疏散 40 人用时 6 分钟");
        var first = form.Locator("[data-testid=finding-row]").First;
        await first.Locator("input[name=finding]").FillAsync("3 号楼消防通道有杂物");
        var tech = await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "tech").Select(u => u.Id).FirstAsync());
        await first.Locator("select[name=owner]").SelectOptionAsync(tech.ToString());
        await page.ClickAsync("[data-testid=complete-drill]");
        await page.Locator("[data-testid=drill-summary]").WaitForAsync();
        Assert.Contains("张保安", await page.InnerTextAsync("[data-testid=drill-summary]"));
        Assert.Equal("false", await page.GetAttributeAsync("[data-testid=action]", "data-done"));
        await page.AssertFitsPhoneAsync();

        // The technician is told, finds it on his home list, and marks it done.
        var told = await _b.App.DbAsync(db =>
            db.Set<OutboxMessage>()
                .CountAsync(m => m.RecipientUserId == tech && m.Channel == NotificationChannel.InApp && m.Title.Contains(title))
        );
        Assert.Equal(1, told);
        var techPage = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(techPage, "tech");
        var task = techPage.Locator("[data-testid=task]", new() { HasText = "待完成的演练整改项" });
        await techPage.GotoAsync((await task.GetAttributeAsync("href"))!);
        await techPage.ClickAsync("[data-testid=my-actions] a >> text=3 号楼消防通道有杂物");
        await techPage.ClickAsync("[data-testid=action-done]");
        Assert.Equal("true", await techPage.GetAttributeAsync("[data-testid=action]", "data-done"));

        // The plan's cycle starts again from this drill.
        var due = await (await _b.App.As("pm")).GetJsonAsync($"/api/v1/drills/due?projectId={project}");
        var mine = due.EnumerateArray().Single(d => d.GetProperty("title").GetString() == title);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, mine.GetProperty("lastDrill").ValueKind);
    }
}

/// <summary>
/// With the clock moved past a fire plan's six months, the job tells the project's managers once; a second pass is silent.
/// </summary>
public sealed class DrillDueJobTests(ClockedApp shared) : IClassFixture<ClockedApp>
{
    private readonly WuyeApp _app = shared.App;

    [Fact]
    public async Task A_plan_never_drilled_for_six_months_is_told_to_its_managers_once_and_shown_overdue()
    {
        var project = await DrillJourneyTests.ProjectOfAsync(_app, "pm");
        var title = $"逾期演练测试 {Guid.NewGuid():N}"[..14];
        var pm = await _app.As("pm");
        await pm.PostJsonAsync("/api/v1/emergency-plans", DrillJourneyTests.Fire(project, title)).OkAsync();
        var job = _app.Services.GetRequiredService<DrillDueJob>();
        Task<int> ToldAsync() =>
            _app.DbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Channel == NotificationChannel.InApp && m.Title.Contains(title)));

        await job.RunOnceAsync();
        Assert.Equal(0, await ToldAsync());
        var before = (await pm.GetJsonAsync($"/api/v1/drills/due?projectId={project}"))
            .EnumerateArray()
            .Single(d => d.GetProperty("title").GetString() == title);
        Assert.False(before.GetProperty("overdue").GetBoolean());

        // Scheduling in the past is answered on the field.
        var planId = before.GetProperty("planId").GetGuid();
        var past = await pm.PostJsonAsync("/api/v1/drills", new { planId, scheduledFor = shared.Clock.GetUtcNow().AddDays(-3) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.JsonAsync()).GetProperty("errors").TryGetProperty("scheduledFor", out _));

        // Six months and a few days on (only the job and the database from here: sign-ins have their own clock rules).
        shared.Clock.Advance(TimeSpan.FromDays(185));
        await job.RunOnceAsync();
        await job.RunOnceAsync();
        var pmId = await _app.DbAsync(db => db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync());
        var recipients = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .Where(m => m.Channel == NotificationChannel.InApp && m.Title.Contains(title))
                .Select(m => m.RecipientUserId)
                .ToListAsync()
        );
        Assert.Contains(pmId, recipients);
        Assert.Equal(recipients.Count, recipients.Distinct().Count());
    }
}
