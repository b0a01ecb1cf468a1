using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// The whole first start in the browser, from an empty database: the admin's printed one-time
/// password and forced change, the company's manager accepting the invitation, a technician's
/// account and role, an owner's sign-up by SMS code, and the archived technician shut out.
/// </summary>
public sealed class FirstStartJourneyTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly LogCapture _log = new();
    private WuyeApp _app = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        _app = new WuyeApp(cluster, await cluster.EmptyAsync()) { TestServices = s => s.AddSingleton<ILoggerProvider>(_log) };
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

        // The company and its manager, who accepts the invitation from the SMS link.
        var adminApi = Api(await TokenAsync("admin", "Lantern-7harbor"));
        var companyId = (await adminApi.PostJsonAsync("/api/v1/companies", new { name = "安居物业" }).OkAsync())
            .GetProperty("id")
            .GetGuid();
        await adminApi
            .PostJsonAsync(
                "/api/v1/invitations",
                new
                {
                    displayName = "陈经理",
                    mobile = "13900001111",
                    role = Roles.CompanyManager,
                    companyId,
                }
            )
            .OkAsync();
        var code = await SentAsync("13900001111", @"邀请码 (\w+)");
        var managerPage = await PageAsync();
        await managerPage.GotoAsync($"/account/invitation?code={code}");
        await managerPage.FillAsync("#Password", "Harbor-88lamp");
        await managerPage.ClickAsync("button[type=submit]");
        await managerPage.WaitForURLAsync(u => !u.Contains("/account/"));

        // The manager's project, a unit with its owner, a technician with an account and a role.
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
        var buildingId = (
            await manager
                .PostJsonAsync(
                    "/api/v1/buildings",
                    new
                    {
                        projectId,
                        name = "1号楼",
                        floors = 6,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var unitId = (
            await manager
                .PostJsonAsync(
                    "/api/v1/units",
                    new
                    {
                        buildingId,
                        number = "101",
                        floor = 1,
                        area = 89.5,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var personId = (
            await manager
                .PostJsonAsync(
                    "/api/v1/people",
                    new
                    {
                        projectId,
                        name = "钱先生",
                        phone = "13900005555",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await manager.PostJsonAsync($"/api/v1/people/{personId}/units", new { unitId, relation = "owner" }).OkAsync();
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
        var account = await manager.PostJsonAsync($"/api/v1/staff/{staffId}/account", new { }).OkAsync();
        await manager
            .PostJsonAsync(
                "/api/v1/role-assignments",
                new
                {
                    userId = account.GetProperty("userId").GetGuid(),
                    role = Roles.Technician,
                    projectId,
                }
            )
            .OkAsync();

        // The technician signs in with the one-time password, changes it, and reaches the jobs.
        var tech = await PageAsync(375);
        await SignInAsync(tech, "13900002222", account.GetProperty("oneTimePassword").GetString()!);
        await ChangePasswordAsync(tech, account.GetProperty("oneTimePassword").GetString()!, "Wrench-42river");
        var techApi = Api(await TokenAsync("13900002222", "Wrench-42river"));
        await techApi.GetJsonAsync($"/api/v1/work-orders?projectId={projectId}");
        await tech.GotoAsync("/account");
        await Assertions.Expect(tech.GetByTestId("sessions")).ToBeVisibleAsync();
        await tech.AssertFitsPhoneAsync();

        // The owner signs up on the portal with the code sent to the number on record.
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
        await managerPage.GotoAsync("/accounts");
        await Assertions.Expect(managerPage.Locator("tr[data-user='13900002222'] [data-testid=status]")).ToHaveTextAsync("已停用");
        await tech.GotoAsync("/account");
        Assert.Contains("/account/sign-in", tech.Url);
    }
}
