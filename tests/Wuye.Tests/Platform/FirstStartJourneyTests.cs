using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Modules.MasterData;

namespace Wuye.Tests.Platform;

/// <summary>
/// The whole first start in the browser, from an empty database: the admin's printed one-time
/// password and forced change, the company registered and its manager invited on their pages, the
/// manager accepting the invitation, units with owners from an import file, a technician's account
/// and role given on the staff page, an owner's sign-up by SMS code, and the archived technician shut out.
/// </summary>
public sealed class FirstStartJourneyTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly LogCapture _log = new();
    private WuyeApp _app = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        _app = new WuyeApp(cluster, await cluster.MigratedEmptyAsync()) { TestServices = s => s.AddSingleton<ILoggerProvider>(_log) };
        _app.UseKestrel(port);
        _app.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    private string BaseUrl { get; set; } = "";

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _contexts)
            await c.CloseAsync();
        await _app.DisposeAsync();
    }

    private async Task<IPage> PageAsync(int width = 1280)
    {
        var browser = await Chromium.BrowserAsync();
        var context = await browser.NewContextAsync(
            new()
            {
                BaseURL = BaseUrl,
                ViewportSize = new() { Width = width, Height = 900 },
            }
        );
        context.SetDefaultTimeout(15000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private HttpClient Api(string token)
    {
        var c = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    private async Task<string> TokenAsync(string user, string password)
    {
        using var anon = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        return (await anon.PostJsonAsync("/api/v1/auth/token", new { userName = user, password }).OkAsync())
            .GetProperty("accessToken")
            .GetString()!;
    }

    private async Task<string> SentAsync(string address, string pattern)
    {
        await _app.Services.GetRequiredService<OutboxDispatchJob>().RunOnceAsync();
        var body = await _app.DbAsync(db =>
            db.Set<DeliveredMessage>()
                .Where(m => m.Address == address)
                .OrderByDescending(m => m.DeliveredAt)
                .Select(m => m.Body)
                .FirstAsync()
        );
        return Regex.Match(body, pattern).Groups[1].Value;
    }

    private static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static async Task ChangePasswordAsync(IPage page, string current, string chosen)
    {
        await page.WaitForURLAsync(u => u.Contains("/account/password"));
        await Assertions.Expect(page.GetByTestId("must-change")).ToBeVisibleAsync();
        await page.FillAsync("#CurrentPassword", current);
        await page.FillAsync("#NewPassword", chosen);
        await page.GetByTestId("save-password").ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/account/"));
    }

    [Fact]
    public async Task From_an_empty_database_to_a_working_company_in_the_browser()
    {
        // The admin: the printed one-time password, then a forced change (a weak one refused).
        var admin = await PageAsync();
        var oneTime = _log.OneTimePassword();
        await SignInAsync(admin, "admin", oneTime);
        await admin.WaitForURLAsync(u => u.Contains("/account/password"));
        await admin.GotoAsync("/projects");
        Assert.Contains("/account/password", admin.Url);
        await admin.FillAsync("#CurrentPassword", oneTime);
        await admin.FillAsync("#NewPassword", "password1");
        await admin.GetByTestId("save-password").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("password-error")).ToContainTextAsync("太常见");
        await ChangePasswordAsync(admin, oneTime, "Lantern-7harbor");

        // The admin registers the company on its page and invites its manager from the company's row.
        await admin.GotoAsync("/master-data");
        await admin.GetByTestId("go-companies").ClickAsync();
        await admin.FillAsync("#company-form-name", "安居物业");
        await admin.GetByTestId("company-form-submit").ClickAsync();
        await admin.WaitForURLAsync(u => u.Contains("saved=1"));
        await admin.SetViewportSizeAsync(375, 900);
        await admin.AssertFitsPhoneAsync();
        await admin.ClickAsync("tr[data-company='安居物业'] [data-testid=invite-manager]");
        await admin.WaitForURLAsync(u => u.Contains("/invitations"));
        Assert.Equal(Roles.CompanyManager, await admin.InputValueAsync("#invitation-form-role"));
        await admin.FillAsync("#invitation-form-displayName", "陈经理");
        await admin.FillAsync("#invitation-form-mobile", "13900001111");
        await admin.GetByTestId("invitation-form-submit").ClickAsync();
        await admin.WaitForURLAsync(u => u.Contains("saved=1"));
        await Assertions.Expect(admin.Locator("tr[data-user='13900001111'] [data-testid=status]")).ToHaveTextAsync("待接受");
        await admin.AssertFitsPhoneAsync();
        var companyId = await _app.DbAsync(db => db.Companies().Where(c => c.Name == "安居物业").Select(c => c.Id).SingleAsync());

        // The manager accepts the invitation from the SMS link.
        var code = await SentAsync("13900001111", @"邀请码 (\w+)");
        var managerPage = await PageAsync();
        await managerPage.GotoAsync($"/account/invitation?code={code}");
        await managerPage.FillAsync("#Password", "Harbor-88lamp");
        await managerPage.ClickAsync("button[type=submit]");
        await managerPage.WaitForURLAsync(u => !u.Contains("/account/"));

        // The manager's project; its units and their owners come from an import file, sent in the browser.
        var manager = Api(await TokenAsync("13900001111", "Harbor-88lamp"));
        var projectId = (
            await manager
                .PostJsonAsync(
                    "/api/v1/projects",
                    new
                    {
                        companyId,
                        name = "安居花园",
                        kind = "residential",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var file = Workbooks.Xlsx(
            new TestSheet(
                "房屋",
                [
                    Workbooks.UnitHeaders,
                    ["1幢", "101", "东区", "#1", "#89.5", "三室两厅", "2021-06-30", "2023-06-30", "钱先生", "13900005555", null],
                    ["1幢", "102", "东区", "#1", "#92", "三室两厅", "2021-06-30", "2023-06-30", "孙女士", "13900006666", null],
                ]
            )
        );
        var path = Path.Combine(Path.GetTempPath(), $"wuye-first-start-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, file);
        await managerPage.GotoAsync($"/imports?projectId={projectId}");
        await managerPage.SetInputFilesAsync("#file", path);
        await managerPage.ClickAsync("[data-testid=upload]");
        await managerPage.WaitForURLAsync(u => u.Contains("/imports/") && !u.EndsWith("/imports"));
        await managerPage.ClickAsync("[data-testid=commit]");
        await managerPage.WaitForSelectorAsync("[data-testid=import-status] >> text=已导入");
        File.Delete(path);
        var unitId = await _app.DbAsync(db =>
            db.Units().Where(u => u.ProjectId == projectId && u.Number == "101").Select(u => u.Id).SingleAsync()
        );

        // A technician's staff record; the manager gives it a sign-in and a role on its page, offered only the roles they may grant.
        var staffId = (
            await manager
                .PostJsonAsync(
                    "/api/v1/staff",
                    new
                    {
                        projectId,
                        name = "刘师傅",
                        phone = "13900002222",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await managerPage.GotoAsync($"/master-data/records/staff/{staffId}");
        Assert.Equal(0, await managerPage.Locator($"#sub-form-role option[value={Roles.PlatformAdmin}]").CountAsync());
        Assert.Equal(0, await managerPage.Locator($"#sub-form-role option[value={Roles.Owner}]").CountAsync());
        await managerPage.SelectOptionAsync("#sub-form-role", Roles.Technician);
        await managerPage.GetByTestId("sub-form-submit").ClickAsync();
        await Assertions.Expect(managerPage.GetByTestId("sub-form-revealed")).ToBeVisibleAsync();
        var techOneTime = await managerPage.Locator("[data-testid=sub-form-revealed] strong").InnerTextAsync();
        Assert.Matches(@"^\S{8,}$", techOneTime);

        // The technician signs in with the one-time password, changes it, and reaches the jobs.
        var tech = await PageAsync(375);
        await SignInAsync(tech, "13900002222", techOneTime);
        await ChangePasswordAsync(tech, techOneTime, "Wrench-42river");
        var techApi = Api(await TokenAsync("13900002222", "Wrench-42river"));
        await techApi.GetJsonAsync($"/api/v1/work-orders?projectId={projectId}");
        await tech.GotoAsync("/account");
        await Assertions.Expect(tech.GetByTestId("sessions")).ToBeVisibleAsync();
        await tech.AssertFitsPhoneAsync();

        // The owner signs up on the portal with the code sent to the number the import put on record.
        var owner = await PageAsync(375);
        await owner.GotoAsync("/account/sign-up");
        await owner.FillAsync("#Mobile", "13900005555");
        await owner.ClickAsync("button[formnovalidate]");
        await Assertions.Expect(owner.GetByTestId("code-sent")).ToBeVisibleAsync();
        await owner.AssertFitsPhoneAsync();
        await owner.FillAsync("#Code", await SentAsync("13900005555", @"验证码是 (\d{6})"));
        await owner.FillAsync("#Password", "Garden-55gate");
        await owner.ClickAsync("button:not([formnovalidate])[type=submit]");
        await owner.WaitForURLAsync(u => !u.Contains("/account/"));
        var ownerUnits = await Api(await TokenAsync("13900005555", "Garden-55gate")).GetJsonAsync("/api/v1/units");
        Assert.Equal([unitId], ownerUnits.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()));

        // The technician's staff record is archived: the open token stops working, the accounts page says disabled.
        await manager.PostAsync($"/api/v1/staff/{staffId}/archive", null).OkAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await techApi.GetAsync($"/api/v1/work-orders?projectId={projectId}")).StatusCode);
        await managerPage.SetViewportSizeAsync(375, 900);
        await managerPage.GotoAsync("/accounts");
        await Assertions.Expect(managerPage.Locator("tr[data-user='13900002222'] [data-testid=status]")).ToHaveTextAsync("已停用");
        await managerPage.AssertFitsPhoneAsync();
        await tech.GotoAsync("/account");
        Assert.Contains("/account/sign-in", tech.Url);
    }
}
