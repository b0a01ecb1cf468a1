using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Demo;
using Wuye.Platform.Identity;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// Issue 21's "done when": every demo account, on a 375 px phone, signs in; each line of its home page's to-do
/// list opens a page that shows the task; every menu item opens (no 403, 404 or 500 in a menu); no page
/// scrolls sideways. On the way, every role's home page and every other page the first time a menu leads to it: each
/// visible badge's text meets WCAG AA contrast (4.5:1, <see cref="TextContrast"/>), and no emoji stands in for an icon
/// (it shows as an empty box where no emoji font is installed). One server, and one phone signed in as each account in turn.
/// How: the sign-in, the home page and each to-do line's page are drawn on the phone. Each menu item is asked for with the phone's
/// cookies (its status and where it ends); the phone draws it (sideways scrolling, and badges and emoji the first time) unless
/// the same page with the same markup below the header was drawn already for an earlier account — a third of the ~320 menu
/// pages, which a phone would lay out the same. The header, the one part that differs, is drawn on each account's home page.
/// </summary>
public sealed partial class RoleJourneyTests(TestCluster cluster) : IAsyncLifetime
{
    private readonly BrowserApp _b = new(cluster);

    public ValueTask InitializeAsync() => _b.InitializeAsync();

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    [Fact]
    public async Task Every_demo_role_reaches_its_tasks_and_every_menu_item_opens_on_a_phone()
    {
        // A notice waits for the guard (named responsible by the inspector), so his to-do list has a task to follow.
        var inspector = await _b.App.As("inspector");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(3);
        var guard = await _b.App.DbAsync(db => db.Users.Where(u => u.UserName == "guard").Select(u => u.Id).FirstAsync());
        var garden = await _b.App.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
        var item = (
            await inspector
                .PostJsonAsync(
                    "/api/v1/check-items",
                    new
                    {
                        code = "RJ-1",
                        area = "safety",
                        description = "岗亭值守记录完整",
                        method = "查看记录",
                        sampling = "抽查 3 天",
                        pointsPerDeduction = 2,
                        frequency = "monthly",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await inspector
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
                                    type = "rectification",
                                    description = "值守记录缺两天",
                                    requiredAction = "补齐记录",
                                    deadline = today,
                                    responsibleUserId = guard,
                                },
                            },
                        },
                    },
                }
            )
            .OkAsync();

        // A complaint handed to the guard by the project manager is his to answer: it must be on his to-do list too.
        var unit = await Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit.OwnUnitAsync(await _b.App.As("owner"));
        var person = await _b.App.DbAsync(db => db.People().Where(p => p.Phone == "13800138000").Select(p => p.Id).FirstAsync());
        var complaint = (
            await (await _b.App.As("service"))
                .PostJsonAsync(
                    "/api/v1/complaints",
                    new
                    {
                        unitId = unit,
                        personId = person,
                        channel = "hotline",
                        category = "security",
                        description = "夜间东门无人值守",
                        departments = new[] { "security" },
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        await (await _b.App.As("pm"))
            .PostJsonAsync($"/api/v1/complaints/{complaint}/reassign", new { ownerStaffId = guard, reason = "安保问题由安全员跟进" })
            .OkAsync();

        var failures = new List<string>();
        var unreadable = new List<TextContrast.Failure>();
        var readChecked = new HashSet<string>();
        var drawn = new HashSet<(string Path, string Content)>();
        // One phone for every account, signed out (its cookies cleared) between them: its cache keeps the stylesheets and
        // scripts as a real phone's does, so each page costs what it costs a returning user.
        var page = await _b.NewPageAsync(375, 740);
        var traffic = new Traffic(page);
        foreach (var (user, _, role) in DemoAccounts.All)
        {
            await page.Context.ClearCookiesAsync();
            await BrowserApp.SignInAsync(page, user);
            var home = new Uri(page.Url).PathAndQuery;
            if (await Check(page, traffic, failures, user, "home", home))
                await Readable(page, traffic, failures, unreadable, user, $"{user} {home}");
            if (await page.Locator("[data-testid=bell] svg").CountAsync() != 1)
                failures.Add($"{user}: the bell is not drawn as an icon");

            // Each waiting task leads to a page that shows it.
            var tasks = new List<(string Title, int Count, string Href)>();
            foreach (var t in await page.Locator("[data-testid=task]").AllAsync())
                tasks.Add(
                    (
                        (await t.Locator("span").First.InnerTextAsync()).Trim(),
                        int.Parse(await t.Locator("[data-testid=task-count]").InnerTextAsync()),
                        (await t.GetAttributeAsync("href"))!
                    )
                );
            // The menu is the layout's, the same on every page: read here, opened item by item below.
            var menu = await page.EvalOnSelectorAllAsync<string[]>(
                "#main-nav a.nav-link",
                "links => links.map(a => a.getAttribute('href'))"
            );
            Assert.NotEmpty(menu);
            // Staff have a to-do list; the regulator and the owners' committee, who act on nothing, see their projects' figures instead of
            // counts only.
            if (role is not (Roles.Owner or Roles.PlatformAdmin or Roles.Regulator or Roles.OwnersCommittee) && tasks.Count == 0)
                failures.Add($"{user}: the home page has no to-do list");
            if (
                role is Roles.Regulator or Roles.OwnersCommittee or Roles.SecurityGuard or Roles.MonitoringCenter
                && await page.Locator("[data-testid=qpi-panel]").CountAsync() == 0
            )
                failures.Add($"{user}: the home page shows no inspections of their posts or projects");
            if (user == "guard")
                foreach (var expected in new[] { "待整改的改进通知单", "我负责的投诉" })
                    if (!tasks.Any(t => t.Title == expected && t.Count > 0))
                        failures.Add($"{user}: no '{expected}' waiting on the to-do list");
            foreach (var (title, count, href) in tasks.Where(t => t.Count > 0).DistinctBy(t => t.Href))
            {
                if (!await Check(page, traffic, failures, user, $"to-do '{title}'", href))
                    continue;
                if (href.Contains("/inspections/notices") && await page.Locator("[data-testid=notice]").CountAsync() == 0)
                    failures.Add($"{user}: to-do '{title}' ({count}) opens {href}, which lists no notice");
            }

            // Every menu item opens: asked for with the phone's cookies, without drawing it. The phone draws it (sideways scrolling,
            // and the badges and emoji the first time) unless a page with the very same content, once the account's own header is
            // left out, was drawn already: the header was drawn on this account's home page, and the same markup lays out the same.
            foreach (var href in menu.Distinct())
            {
                var path = href.Split('#')[0];
                var content = await Answer(page, failures, user, path);
                if (content is null)
                    continue;
                // A portal page shows each owner their own records (an open violation, say): checked for every role that opens it.
                if (!drawn.Add((path, content)) && readChecked.Contains(PageKey(role, path)))
                    continue;
                if (await Check(page, traffic, failures, user, "menu", href) && readChecked.Add(PageKey(role, path)))
                    await Readable(page, traffic, failures, unreadable, user, href);
            }
        }
        failures.AddRange(unreadable.DistinctBy(f => (f.Classes, f.Color, f.Background)).Select(f => $"badge under 4.5:1: {f}"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string PageKey(string role, string path) =>
        path.StartsWith("/portal", StringComparison.Ordinal) ? $"{role} {path}" : path;

    [GeneratedRegex(@"[\u2600-\u27BF\u2B00-\u2BFF\uFE0F]|\p{Cs}")]
    private static partial Regex Emoji();

    /// <summary>Once what the page loads after it has come (htmx fragments, charts): its badges' contrast and any emoji in its
    /// text.</summary>
    private static async Task Readable(
        IPage page,
        Traffic traffic,
        List<string> failures,
        List<TextContrast.Failure> unreadable,
        string user,
        string what
    )
    {
        await traffic.QuietAsync();
        unreadable.AddRange(await page.FailuresAsync());
        var text = await page.EvaluateAsync<string>(
            "() => document.body.innerText + ' ' + [...document.querySelectorAll('[aria-label],[title],[placeholder]')].map(e => "
                + "(e.getAttribute('aria-label') || '') + (e.getAttribute('title') || '') + (e.getAttribute('placeholder') || "
                + "'')).join(' ')"
        );
        failures.AddRange(Emoji().Matches(text).Select(m => $"{user}: emoji '{m.Value}' on {what}").Distinct());
    }

    /// <summary>
    /// The page's requests in flight, counted from before its first navigation. Quiet is none in flight for 100 ms on end
    /// (Playwright's NetworkIdle waits 500 ms, for each of ~70 pages); a request that never ends gives up after 5 s, as
    /// loading the page's fragments would.
    /// </summary>
    private sealed class Traffic
    {
        private readonly HashSet<IRequest> _inFlight = [];

        public Traffic(IPage page)
        {
            page.Request += (_, r) => Change(r, true);
            page.RequestFinished += (_, r) => Change(r, false);
            page.RequestFailed += (_, r) => Change(r, false);
            // A redirect's first leg answers and is followed by a request of its own.
            page.Response += (_, r) =>
            {
                if (r.Status is >= 300 and < 400)
                    Change(r.Request, false);
            };
        }

        private void Change(IRequest request, bool started)
        {
            lock (_inFlight)
                _ = started ? _inFlight.Add(request) : _inFlight.Remove(request);
        }

        /// <summary>Forgets the requests of the page being left (one it cancels does not always report its end).</summary>
        public void Leave()
        {
            lock (_inFlight)
                _inFlight.Clear();
        }

        private bool Idle()
        {
            lock (_inFlight)
                return _inFlight.Count == 0;
        }

        public async Task QuietAsync()
        {
            var quiet = 0;
            for (var waited = 0; quiet < 4 && waited < 5000; waited += 25)
            {
                await Task.Delay(25);
                quiet = Idle() ? quiet + 1 : 0;
            }
        }
    }

    [GeneratedRegex("CfDJ8[A-Za-z0-9_-]+")]
    private static partial Regex AntiforgeryToken();

    /// <summary>
    /// The page as the signed-in phone would get it (its cookies, no drawing): null, with a failure recorded, when it does not
    /// answer 200 or sends to the sign-in page; else its markup below the layout's header (which names the account and holds
    /// its menu), with each form's one-off token left out.
    /// </summary>
    private static async Task<string?> Answer(IPage page, List<string> failures, string user, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(path);
        var url = response.Url;
        if (response.Status != 200 || url.Contains("/account/sign-in"))
        {
            failures.Add($"{user}: menu {path} answered {response.Status} ({url})");
            return null;
        }
        var html = await response.TextAsync();
        // A page without the layout (the API reference) has no header of the account's.
        var body = html.IndexOf("<div class=\"page-wrapper\">", StringComparison.Ordinal);
        return AntiforgeryToken().Replace(body < 0 ? html : html[body..], "");
    }

    /// <summary>Opens the page; records a failure when it does not answer 200 or scrolls sideways at 375 px.</summary>
    private static async Task<bool> Check(IPage page, Traffic traffic, List<string> failures, string user, string what, string href)
    {
        traffic.Leave();
        // A link with a fragment to the page already open is a same-document jump with no response; load it afresh.
        if (href.Contains('#'))
            await page.GotoAsync("about:blank");
        var response = await page.GotoAsync(href);
        var status = response?.Status ?? 0;
        if (status != 200 || page.Url.Contains("/account/sign-in"))
        {
            failures.Add($"{user}: {what} {href} answered {status} ({page.Url})");
            return false;
        }
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
            failures.Add($"{user}: {what} {href} is {overflow}px wider than a 375px phone");
        return true;
    }
}
