using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Gate.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// On 375 px phones, one app on a moved clock: an owner makes a pass on the portal, the guard checks it in and out at the gate
/// console by its code, a second entry beyond its count is refused, and another pass is refused once its window has passed. Then a
/// renovation from application to refund: the owner applies with a drawing, customer service approves with conditions, records the
/// agreement and deposit and issues the permit (its PDF), registers a worker, the gate refuses him at lunchtime and lets him in at
/// 14:05, the technician's check finds a violation with a deduction the owner sees, the owner asks for acceptance, the work is
/// accepted and the deposit less the deduction refunded.
/// </summary>
public sealed class GateJourneyTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // A Wednesday ahead that is a working day on the project's calendar, for the renovation hours (chosen at start).
    private DateTime Day;
    private readonly FakeTimeProvider _clock = Clocks.Now();
    private readonly BrowserApp _b;

    public GateJourneyTests(TestCluster cluster) => _b = new BrowserApp(cluster, _clock);

    public async ValueTask InitializeAsync()
    {
        await _b.InitializeAsync();
        Day = await Clocks.WorkingWednesdayAsync(_b.App);
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(10), China).ToUniversalTime());
    }

    public ValueTask DisposeAsync() => _b.DisposeAsync();

    private async Task<string> PassAsync(Microsoft.Playwright.IPage owner, string name)
    {
        await owner.GotoAsync("/portal/visitors");
        await owner.FillAsync("[data-testid=visitor-name]", name);
        await owner.FillAsync("input[name=validFrom]", $"{Day:yyyy-MM-dd}T10:00");
        await owner.FillAsync("[data-testid=valid-to]", $"{Day:yyyy-MM-dd}T10:30");
        await owner.FillAsync("[data-testid=max-entries]", "1");
        await owner.ClickAsync("[data-testid=visitor-submit]");
        return (await owner.Locator("[data-testid=pass-code]").InnerTextAsync()).Trim();
    }

    private static async Task ScanAsync(Microsoft.Playwright.IPage guard, string code)
    {
        await guard.FillAsync("[data-testid=scan-code]", code.ToLowerInvariant());
        await guard.ClickAsync("[data-testid=scan-submit]");
        await guard.WaitForLoadStateAsync();
    }

    [Fact]
    public async Task An_owners_visitor_is_checked_in_and_out_at_the_gate_and_a_used_up_or_expired_pass_is_refused()
    {
        var owner = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(owner, "owner");
        Assert.Equal(1, await owner.Locator("[data-testid=nav-visitors]").CountAsync());
        var code = await PassAsync(owner, "表哥 钱立");
        Assert.Equal(8, code.Length);
        await owner.AssertFitsPhoneAsync();
        var late = await PassAsync(owner, "同学 孙悦");

        var guard = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(guard, "guard");
        Assert.Equal(1, await guard.Locator("[data-testid=nav-gate]").CountAsync());
        await guard.GotoAsync("/gate");
        await guard.AssertFitsPhoneAsync();
        await ScanAsync(guard, code);
        Assert.Equal("in", await guard.GetAttributeAsync("[data-testid=scan-result]", "data-direction"));
        Assert.Equal(1, await guard.Locator("[data-testid=inside] [data-name='表哥 钱立']").CountAsync());
        await ScanAsync(guard, code);
        Assert.Equal("out", await guard.GetAttributeAsync("[data-testid=scan-result]", "data-direction"));
        await ScanAsync(guard, code);
        Assert.Contains("次进入已用完", await guard.Locator("[data-testid=error]").InnerTextAsync());
        await guard.AssertFitsPhoneAsync();

        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(10).AddMinutes(31), China).ToUniversalTime());
        await ScanAsync(guard, late);
        Assert.Contains("过期", await guard.Locator("[data-testid=error]").InnerTextAsync());
        // The owner sees the pass used.
        await owner.GotoAsync("/portal/visitors");
        Assert.Equal(1, await owner.Locator("[data-testid=pass][data-name='表哥 钱立']").CountAsync());

        await RenovationAsync(owner, guard);
    }

    private void At(int hour, int minute) =>
        _clock.SetUtcNow(new DateTimeOffset(Day.AddHours(hour).AddMinutes(minute), China).ToUniversalTime());

    private async Task RenovationAsync(Microsoft.Playwright.IPage owner, Microsoft.Playwright.IPage guard)
    {
        // The owner applies on the phone, with a photo of the drawings.
        Assert.Equal(1, await owner.Locator("[data-testid=nav-my-renovation]").CountAsync());
        await owner.GotoAsync("/portal/renovations");
        await owner.FillAsync("[data-testid=contractor]", "杭州匠心装饰");
        await owner.FillAsync("[data-testid=scope]", "客厅吊顶、卫生间翻新");
        await owner.FillAsync("[data-testid=start]", $"{Day:yyyy-MM-dd}");
        await owner.FillAsync("[data-testid=end]", $"{Day.AddDays(30):yyyy-MM-dd}");
        using var qr = new QRCoder.QRCodeGenerator();
        var png = new QRCoder.PngByteQRCode(qr.CreateQrCode("图纸", QRCoder.QRCodeGenerator.ECCLevel.L)).GetGraphic(4);
        await owner.SetInputFilesAsync(
            "[data-testid=drawings]",
            new Microsoft.Playwright.FilePayload
            {
                Name = "drawing.png",
                MimeType = "image/png",
                Buffer = png,
            }
        );
        await owner.ClickAsync("[data-testid=apply-submit]");
        await owner.Locator("[data-testid=done]").WaitForAsync();
        await owner.AssertFitsPhoneAsync();
        var id = await _b.App.DbAsync(db =>
            db.Set<Renovation>().Where(r => r.Contractor == "杭州匠心装饰").Select(r => r.Id).SingleAsync()
        );

        // Customer service reviews it from the to-do list, approves with conditions, and moves it to the permit.
        var desk = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(desk, "service");
        await desk.GotoAsync("/gate/renovations?state=Applied");
        await desk.ClickAsync($"a[href='/gate/renovations/{id}']");
        await desk.AssertFitsPhoneAsync();
        Assert.Equal(1, await desk.Locator("img[alt='图纸']").CountAsync());
        await desk.FillAsync("[data-testid=conditions]", "卫生间须做 48 小时闭水试验");
        await desk.ClickAsync("[data-testid=approve]");
        await desk.ClickAsync("[data-testid=sign]");
        await desk.FillAsync("[data-testid=deposit]", "2000");
        await desk.ClickAsync("[data-testid=pay]");
        await desk.ClickAsync("[data-testid=issue-permit]");
        var permit = (await desk.Locator("[data-testid=permit-code]").InnerTextAsync()).Trim();
        var pdf = await desk.Context.APIRequest.GetAsync($"/gate/renovations/{id}/permit?format=pdf");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        var sheet = await (await desk.Context.APIRequest.GetAsync($"/gate/renovations/{id}/permit")).TextAsync();
        Assert.Contains("卫生间须做 48 小时闭水试验", sheet);
        Assert.Contains("08:00–12:00", sheet);

        // A worker registered on the permit.
        await desk.ClickAsync("[data-testid=add-worker]");
        await desk.FillAsync("[data-testid=worker-name]", "瓦工 老周");
        await desk.FillAsync("[data-testid=worker-id]", "330781198503124517");
        await desk.ClickAsync("[data-testid=worker-submit]");
        Assert.Equal(8, (await desk.Locator("[data-testid=worker-code]").InnerTextAsync()).Trim().Length);
        await desk.AssertFitsPhoneAsync();
        Assert.Equal(
            permit,
            await _b.App.DbAsync(db => db.Set<Renovation>().Where(r => r.Id == id).Select(r => r.PermitCode).SingleAsync())
        );

        // The gate: refused at lunchtime (told when to come back), let in at 14:05 with one tap.
        At(12, 30);
        await guard.GotoAsync("/gate");
        await guard.ClickAsync("[data-testid=worker][data-name='瓦工 老周'] [data-testid=worker-tap]");
        Assert.Contains("14:00", await guard.Locator("[data-testid=error]").InnerTextAsync());
        await guard.AssertFitsPhoneAsync();
        At(14, 5);
        await guard.ClickAsync("[data-testid=worker][data-name='瓦工 老周'] [data-testid=worker-tap]");
        Assert.Equal("in", await guard.GetAttributeAsync("[data-testid=worker-result]", "data-direction"));

        // The technician's daily check finds a violation (no deduction on his form: money is the desk's); the desk deducts 300.
        var tech = await _b.NewPageAsync(375, 740);
        await BrowserApp.SignInAsync(tech, "tech");
        await tech.GotoAsync($"/gate/renovations/{id}");
        Assert.Equal(0, await tech.Locator("[data-testid=deduction]").CountAsync());
        await tech.FillAsync("[data-testid=findings]", "擅自拆改卫生间墙体");
        await tech.CheckAsync("[data-testid=violation]");
        await tech.ClickAsync("[data-testid=check-submit]");
        await tech.Locator("[data-testid=checks] >> text=擅自拆改卫生间墙体").First.WaitForAsync();
        await tech.AssertFitsPhoneAsync();
        await desk.GotoAsync($"/gate/renovations/{id}");
        await desk.FillAsync("[data-testid=deduct-amount]", "300");
        await desk.FillAsync("[data-testid=deduct-note]", "擅自拆改卫生间墙体");
        await desk.ClickAsync("[data-testid=deduct]");
        Assert.Equal("300", (await desk.Locator("[data-testid=deductions]").InnerTextAsync()).Trim());

        // The owner sees it and asks for acceptance once done.
        await owner.GotoAsync("/portal/renovations");
        var mine = owner.Locator("[data-testid=renovation]").Filter(new() { HasText = "杭州匠心装饰" });
        Assert.Contains("擅自拆改卫生间墙体", await mine.Locator("[data-testid=violation]").InnerTextAsync());
        await mine.Locator("[data-testid=ask-acceptance]").ClickAsync();
        Assert.Equal(
            "AwaitingAcceptance",
            await owner.Locator("[data-testid=renovation]").Filter(new() { HasText = "杭州匠心装饰" }).GetAttributeAsync("data-state")
        );

        // Accepted, and the deposit less the deduction refunded.
        await desk.GotoAsync($"/gate/renovations/{id}");
        await desk.ClickAsync("[data-testid=accept]");
        await desk.ClickAsync("[data-testid=refund]");
        Assert.Equal("1700", (await desk.Locator("[data-testid=refunded]").InnerTextAsync()).Trim());
        Assert.Equal("Refunded", await desk.GetAttributeAsync("[data-testid=state]", "data-state"));
        Assert.Equal(1, await desk.Locator("[data-testid=event][data-action=refused_after_hours]").CountAsync());
    }
}
