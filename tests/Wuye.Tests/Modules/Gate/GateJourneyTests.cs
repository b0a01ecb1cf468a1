using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.Gate.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Gate;

/// <summary>
/// On 375 px phones, one app on a moved clock: an owner makes a pass on the portal, the guard checks it in and out at the gate
/// console by its code, a second entry beyond its count is refused, and another pass is refused once its window has passed. Then a
/// renovation from application to refund: the owner applies with a photo and a PDF of the drawings, customer service downloads them and
/// approves with conditions; the owner signs the agreement on the phone, then the service center (the agreement's PDF shows both
/// signatures); the deposit and the permit (its PDF, its signed QR); a worker registered; at lunchtime the gate scans the permit's
/// QR and refuses (an altered QR is refused as forged), refuses the worker and lets him in at 14:05; the technician's check finds a
/// violation with a deduction the owner sees, the owner asks for acceptance, the work is accepted and the deposit less the deduction
/// refunded; the figures' charts load on a phone.
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
            new[]
            {
                new Microsoft.Playwright.FilePayload
                {
                    Name = "drawing.png",
                    MimeType = "image/png",
                    Buffer = png,
                },
                new Microsoft.Playwright.FilePayload
                {
                    Name = "平面图.pdf",
                    MimeType = "application/pdf",
                    Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n" + new string(' ', 100)),
                },
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
        var drawingPdf = desk.Locator("[data-testid=drawing][data-type='application/pdf']");
        Assert.Contains("平面图.pdf", await drawingPdf.InnerTextAsync());
        var downloaded = await desk.Context.APIRequest.GetAsync((await drawingPdf.GetAttributeAsync("href"))!);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await downloaded.BodyAsync())[..4]));
        await desk.FillAsync("[data-testid=conditions]", "卫生间须做 48 小时闭水试验");
        await desk.ClickAsync("[data-testid=approve]");
        // The agreement waits for the owner's signature on the phone; then the service center signs.
        Assert.Equal(1, await desk.Locator("[data-testid=awaiting-owner-signature]").CountAsync());
        Assert.Equal(0, await desk.Locator("[data-testid=sign]").CountAsync());
        await owner.GotoAsync("/portal/renovations");
        var signForm = owner.Locator("[data-testid=owner-sign-form]");
        await DrawSignatureAsync(owner, signForm.Locator("[data-testid=signature-pad]"));
        await owner.AssertFitsPhoneAsync();
        await signForm.Locator("[data-testid=owner-sign]").ClickAsync();
        await owner.Locator("[data-testid=owner-signed]").WaitForAsync();
        await desk.GotoAsync($"/gate/renovations/{id}");
        await DrawSignatureAsync(desk, desk.Locator("[data-testid=center-sign-form] [data-testid=signature-pad]"));
        await desk.ClickAsync("[data-testid=sign]");
        Assert.Equal("AgreementSigned", await desk.GetAttributeAsync("[data-testid=state]", "data-state"));
        var agreement = await (await desk.Context.APIRequest.GetAsync($"/gate/renovations/{id}/agreement")).TextAsync();
        var signatures = System.Text.RegularExpressions.Regex.Matches(
            agreement,
            "data-testid=\"signature\">[^<]*<br><img src=\"data:image/png"
        );
        Assert.Equal(2, signatures.Count);
        var agreementPdf = await desk.Context.APIRequest.GetAsync($"/gate/renovations/{id}/agreement?format=pdf");
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await agreementPdf.BodyAsync())[..4]));
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
        var permitQr = System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(sheet, "data-qr=\"(WYR2\\.[^\"]+)\"").Groups[1].Value
        );
        Assert.StartsWith("WYR2.", permitQr);

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

        // The gate: the permit's QR scanned at lunchtime is refused (told when to come back), an altered one as forged; the worker
        // is refused with one tap and let in at 14:05.
        At(12, 30);
        await guard.GotoAsync("/gate");
        async Task ScanPayloadAsync(string payload)
        {
            await guard.EvalOnSelectorAsync("#gate-payload", "(e, v) => e.value = v", payload);
            await guard.ClickAsync("[data-testid=scan-submit]");
            await guard.WaitForLoadStateAsync();
        }
        await ScanPayloadAsync(permitQr);
        Assert.Equal("false", await guard.GetAttributeAsync("[data-testid=permit-result]", "data-allowed"));
        Assert.Contains("14:00", await guard.Locator("[data-testid=permit-result]").InnerTextAsync());
        var qrParts = permitQr.Split('.');
        await ScanPayloadAsync($"{qrParts[0]}.{qrParts[1]}x.{qrParts[2]}");
        Assert.Contains("施工许可证二维码无效", await guard.Locator("[data-testid=error]").InnerTextAsync());
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
        Assert.Equal(2, await desk.Locator("[data-testid=event][data-action=refused_after_hours]").CountAsync());

        // The figures as charts, loaded from the metrics API, on the phone.
        await desk.GotoAsync("/gate/renovations");
        await desk.Locator("[data-testid=renovation-charts][data-loaded=true]").WaitForAsync();
        Assert.Equal(1, await desk.Locator("[data-testid=state-chart] svg").CountAsync());
        Assert.Equal(1, await desk.Locator("[data-testid=deposit-chart] svg").CountAsync());
        await desk.AssertFitsPhoneAsync();
    }

    private static async Task DrawSignatureAsync(Microsoft.Playwright.IPage page, Microsoft.Playwright.ILocator pad)
    {
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
            await page.Mouse.MoveAsync(box.X + 20 + i * 20, box.Y + box.Height / 2 + (i % 2 == 0 ? -25 : 25));
        await page.Mouse.UpAsync();
    }
}
