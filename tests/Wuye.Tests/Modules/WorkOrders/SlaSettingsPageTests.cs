using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>The project manager edits the time-limit table and the calendar on the page.</summary>
[Collection(nameof(WorkOrdersBrowserCollection))]
public sealed class SlaSettingsPageTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    [Fact]
    public async Task A_project_manager_sets_a_limit_and_the_calendar_and_a_bad_date_is_named_without_losing_the_form()
    {
        var project = await _b.App.DbAsync(db =>
            db.RoleAssignments.Where(r => r.Role == Roles.ProjectManager).Select(r => r.ProjectId!.Value).FirstAsync()
        );
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "pm");
        await page.GotoAsync("/work-orders/board");
        await page.ClickAsync("[data-testid=settings]");
        await page.WaitForSelectorAsync("[data-testid=policies]");
        Assert.Equal(project.ToString(), await page.InputValueAsync("[data-testid=project]"));
        await page.AssertFitsPhoneAsync();

        // A row of its own for electrical faults.
        await page.SelectOptionAsync("#category", "Electrical");
        await page.FillAsync("#responseMinutes", "15");
        await page.FillAsync("#arrivalMinutes", "60");
        await page.FillAsync("#completionMinutes", "480");
        await page.ClickAsync("[data-testid=save-policy]");
        await page.WaitForSelectorAsync("[data-testid=saved]");
        var row = page.Locator("[data-testid=policy][data-category=Electrical][data-urgency=Normal]");
        Assert.Contains("8 小时", await row.InnerTextAsync());
        var saved = await _b.App.DbAsync(db =>
            db.Set<SlaPolicy>().FirstAsync(p => p.ProjectId == project && p.Category == RequestCategory.Electrical)
        );
        Assert.Equal((15, 60, 480, false), (saved.ResponseMinutes, saved.ArrivalMinutes, saved.CompletionMinutes, saved.AroundTheClock));

        // Arrival before response is refused field by field.
        await page.FillAsync("#responseMinutes", "90");
        await page.FillAsync("#arrivalMinutes", "30");
        await page.FillAsync("#completionMinutes", "480");
        await page.ClickAsync("[data-testid=save-policy]");
        Assert.Contains("到场时限不能短于响应时限", await page.InnerTextAsync("[data-testid=error-arrivalMinutes]"));

        // The calendar: Sunday off, a holiday; a mistyped date is named and the typed text kept.
        await page.UncheckAsync("[data-testid=day-6]");
        await page.FillAsync("#holidays", "2027-01-01\n2027-02-30");
        await page.ClickAsync("[data-testid=save-calendar]");
        Assert.Contains("2027-02-30", await page.InnerTextAsync("[data-testid=error-holidays]"));
        Assert.Contains("2027-02-30", await page.InputValueAsync("#holidays"));
        await page.FillAsync("#holidays", "2027-01-01\n2027-02-11");
        await page.ClickAsync("[data-testid=save-calendar]");
        await page.WaitForSelectorAsync("[data-testid=saved]");
        var cal = await _b.App.DbAsync(db => db.Set<BusinessCalendar>().FirstAsync(c => c.ProjectId == project));
        Assert.DoesNotContain('6', cal.WorkingDays);
        Assert.Equal([new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 11)], cal.Holidays);

        // Removing the row leaves the "any category" row in charge.
        page.Dialog += (_, d) => d.AcceptAsync();
        await row.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=saved]");
        Assert.Equal(0, await page.Locator("[data-testid=policy][data-category=Electrical]").CountAsync());
    }

    [Fact]
    public async Task A_technician_may_not_open_the_settings()
    {
        var page = await _b.NewPageAsync(1280, 800);
        await BrowserApp.SignInAsync(page, "tech");
        var res = await page.GotoAsync("/work-orders/settings");
        Assert.Equal(403, res!.Status);
    }
}

/// <summary>A refused form leaves none of its photos behind.</summary>
public sealed class RefusedPhotoTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task An_owners_report_refused_for_a_past_visit_slot_keeps_no_photo()
    {
        var ownerId = await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).FirstAsync());
        Task<int> Photos() => _b.App.DbAsync(db => db.Set<Wuye.Platform.Files.StoredFile>().CountAsync(f => f.UploadedBy == ownerId));
        var before = await Photos();
        var page = await _b.NewPageAsync(375, 800);
        await BrowserApp.SignInAsync(page, "owner");
        await page.GotoAsync("/portal/requests");
        await page.SelectOptionAsync("#Category", "Plumbing");
        await page.FillAsync("#Description", "阳台地漏堵塞");
        await page.SetInputFilesAsync(
            "#Photos",
            new FilePayload
            {
                Name = "drain.png",
                MimeType = "image/png",
                Buffer = Wuye.Tests.Platform.FileTests.Png,
            }
        );
        await page.FillAsync("#VisitFrom", DateTime.Now.AddDays(-2).ToString("yyyy-MM-ddTHH:mm"));
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("[data-testid=error]");
        Assert.Equal(before, await Photos());

        // The same report with a slot tomorrow goes through with its photo.
        await page.SetInputFilesAsync(
            "#Photos",
            new FilePayload
            {
                Name = "drain.png",
                MimeType = "image/png",
                Buffer = Wuye.Tests.Platform.FileTests.Png,
            }
        );
        await page.FillAsync("#VisitFrom", DateTime.Now.AddDays(1).ToString("yyyy-MM-ddTHH:mm"));
        await page.ClickAsync("[data-testid=submit]");
        await page.WaitForSelectorAsync("[data-testid=done]");
        Assert.Equal(before + 1, await Photos());
    }
}
