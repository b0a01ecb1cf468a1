using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Tests.Kit;
using static Wuye.Tests.Modules.WorkOrders.WorkOrderTestKit;

namespace Wuye.Tests.Modules.WorkOrders;

/// <summary>
/// Issue 21, items 5 and 16: the resident's number on the desk's cards (masked, audited reveal); the owner's portal in the
/// owner's words.
/// </summary>
[Collection(nameof(WorkOrdersBrowserCollection))]
public sealed class LivedFlowsTests(SharedBrowser shared) : IAsyncLifetime
{
    private readonly BrowserApp _b = shared.Use(TimeProvider.System);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _b.CloseContextsAsync();

    private async Task<IPage> AsAsync(string user, int width = 375)
    {
        var page = await _b.NewPageAsync(width, 800);
        await BrowserApp.SignInAsync(page, user);
        return page;
    }

    /// <summary>A desk request for the owner's home, accepted by the technician and, if asked, finished with an after photo.</summary>
    private async Task<(Guid Request, Guid After)> JobAsync(string description, bool finish)
    {
        var desk = await _b.App.As("service");
        var unit = await OwnUnitAsync(await _b.App.As("owner"));
        var project = await ProjectOfAsync(_b.App, unit);
        var id = (
            await desk.PostJsonAsync(
                    "/api/v1/service-requests",
                    new
                    {
                        unitId = unit,
                        category = "plumbing",
                        description,
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();
        var wo = (await desk.GetJsonAsync($"/api/v1/service-requests/{id}")).GetProperty("workOrders")[0].GetProperty("id").GetGuid();
        await desk.PostJsonAsync($"/api/v1/work-orders/{wo}/dispatch", new { technicianId = await UserIdAsync(_b.App, "tech") }).OkAsync();
        var tech = await _b.App.As("tech");
        await tech.PostAsync($"/api/v1/work-orders/{wo}/accept", null).OkAsync();
        if (!finish)
            return (id, Guid.Empty);
        await tech.PostAsync($"/api/v1/work-orders/{wo}/arrive", null).OkAsync();
        var after = await UploadPhotoAsync(tech, project);
        await tech.PostJsonAsync(
                $"/api/v1/work-orders/{wo}/complete",
                new
                {
                    workDone = "更换厨房水龙头阀芯",
                    afterPhotoIds = new[] { after },
                    ownerConfirmedBy = "钱先生",
                }
            )
            .OkAsync();
        return (id, after);
    }

    /// <summary>Clicks a contact's reveal, giving a reason; returns the number shown.</summary>
    private static async Task<string> RevealAsync(ILocator contact)
    {
        await contact.Locator("[data-testid=reveal-phone]").ClickAsync();
        return (await contact.Locator("[data-testid=revealed-phone]").InnerTextAsync()).Trim();
    }

    [Fact]
    public async Task The_visit_card_and_the_request_page_show_the_residents_number_masked_and_reveal_it_only_with_a_recorded_reason()
    {
        var (id, _) = await JobAsync("厨房水龙头漏水", finish: true);
        var desk = await AsAsync("service");
        desk.Dialog += async (_, dialog) => await dialog.AcceptAsync("回访业主");
        await desk.GotoAsync("/work-orders/return-visits");
        var contact = desk.Locator($"[data-testid=visit][data-request='{id}'] [data-testid=contact]").First;
        Assert.Matches(@"^1\d\d\*{4}\d{4}$", (await contact.Locator("[data-testid=masked-phone]").InnerTextAsync()).Trim());
        var person = Guid.Parse((await contact.GetAttributeAsync("data-person"))!);
        var phone = await _b.App.DbAsync(db => db.People().Where(p => p.Id == person).Select(p => p.Phone).SingleAsync());
        Assert.DoesNotContain(phone!, await desk.ContentAsync());
        Assert.Equal(phone, await RevealAsync(contact));
        await desk.AssertFitsPhoneAsync();

        await desk.GotoAsync($"/service-requests/{id}");
        contact = desk.Locator($"[data-testid=contacts] [data-testid=contact][data-person='{person}']");
        Assert.Matches(@"^1\d\d\*{4}\d{4}$", (await contact.Locator("[data-testid=masked-phone]").InnerTextAsync()).Trim());
        Assert.Equal(phone, await RevealAsync(contact));

        // Each reveal is one row of the master data's record: who, why.
        var rows = await _b.App.DbAsync(db => db.Set<PersonalDataAccess>().Where(a => a.PersonId == person).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, a => Assert.Equal(("service", "回访业主"), (a.UserName, a.Purpose)));

        // A technician sees the masked number and no way to reveal it (the People page's rule).
        var tech = await AsAsync("tech", 1280);
        await tech.GotoAsync($"/service-requests/{id}");
        Assert.Equal(0, await tech.Locator("[data-testid=reveal-phone]").CountAsync());
        Assert.DoesNotContain(phone!, await tech.ContentAsync());
    }

    /// <summary>Words of the staff's clocks and internal steps that an owner would not use.</summary>
    private static readonly string[] Jargon = ["时限", "SLA", "响应", "到场", "计时", "超时", "待回访", "归档", "派单", "工单", "首问"];

    /// <summary>Dates (yyyy-MM-dd, with a time or not) whose characters sit on more than one line.</summary>
    private const string WrappedDates = """
        () => {
          const re = /\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g, broken = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.parentElement.closest('script, style, select, option, textarea')) continue;
            for (const m of n.data.matchAll(re)) {
              const range = document.createRange();
              range.setStart(n, m.index);
              range.setEnd(n, m.index + m[0].length);
              const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
              if (tops.size > 1) broken.push(m[0]);
            }
          }
          return broken;
        }
        """;

    [Fact]
    public async Task The_owner_reads_every_portal_page_in_plain_words_on_a_phone_with_no_date_broken_across_lines()
    {
        var (fixedId, after) = await JobAsync("卫生间水龙头滴水", finish: true);
        var (underWay, _) = await JobAsync("阳台地漏堵塞", finish: false);
        var owner = await AsAsync("owner");

        // The staff's request page sends an owner to the portal's, which says what was done and shows the after photo.
        await owner.GotoAsync($"/service-requests/{fixedId}");
        Assert.EndsWith($"/portal/requests/{fixedId}", new Uri(owner.Url).AbsolutePath);
        Assert.Contains("更换厨房水龙头阀芯", await owner.InnerTextAsync("[data-testid=owner-work-done]"));
        Assert.Equal(1, await owner.Locator($"[data-testid=owner-after-photos] img[src='/api/v1/files/{after}']").CountAsync());
        Assert.Equal(1, await owner.Locator("[data-testid=rate]").CountAsync());

        // A job under way: what happens next, when, and who.
        await owner.GotoAsync($"/portal/requests/{underWay}");
        Assert.Contains("师傅已经接单", await owner.InnerTextAsync("[data-testid=next-what]"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", (await owner.InnerTextAsync("[data-testid=next-when]")).Trim());
        Assert.Contains("周师傅", await owner.InnerTextAsync("[data-testid=next-who]"));

        await owner.GotoAsync("/");
        var menu = await owner.EvalOnSelectorAllAsync<string[]>("#main-nav a.nav-link", "links => links.map(a => a.getAttribute('href'))");
        var failures = new List<string>();
        foreach (var href in menu.Concat([owner.Url, $"/portal/requests/{fixedId}", $"/portal/requests/{underWay}"]).Distinct())
        {
            await owner.GotoAsync(href);
            await owner.AssertFitsPhoneAsync();
            var text = await owner.InnerTextAsync("body");
            failures.AddRange(Jargon.Where(text.Contains).Select(j => $"{href}: “{j}”"));
            failures.AddRange((await owner.EvaluateAsync<string[]>(WrappedDates)).Select(d => $"{href}: {d} wraps"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
