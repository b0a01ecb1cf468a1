using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;
using Wuye.Tests.Platform;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// The public-revenue pages over HTTP on real PostgreSQL: a voucher photo attached to a ledger entry (stored, refused when it is
/// not the recorder's own, out of reach of another company, shown on the ledger page), who may open the ledger page and the
/// portal page, the message's link to the owner's page, and each version of a statement listing the entries it counted.
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class PublicRevenuePageTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    private static HalfYear LastHalf => HalfYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8))).Previous;

    private static MultipartFormDataContent Photo(string name)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(FileTests.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", name);
        return form;
    }

    private static object Entry(Guid project, string category, DateOnly date, decimal amount, string counterparty, Guid[]? files = null) =>
        new
        {
            projectId = project,
            category,
            date = date.ToString("yyyy-MM-dd"),
            amount,
            counterparty,
            attachmentIds = files ?? [],
        };

    [Fact]
    public async Task A_voucher_photo_is_stored_with_its_entry_kept_from_another_company_and_shown_on_the_ledger_page()
    {
        var site = await FeeTestKit.SiteAsync(_app, "公共收益凭证苑");
        var manager = await _app.As("manager");
        var day = LastHalf.Start.AddDays(10);

        var upload = await manager.PostAsync($"/api/v1/files?projectId={site.Project}", Photo("广告合同.png"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var file = (await upload.JsonAsync()).GetProperty("id").GetGuid();

        // Only the recorder's own upload for this project: a photo uploaded for another project is refused on its field.
        var otherProject = await _app.DbAsync(db =>
            db.ProjectRefs().Where(p => p.CompanyId == site.Company && p.Id != site.Project).Select(p => p.Id).FirstAsync()
        );
        var otherFile = (await (await manager.PostAsync($"/api/v1/files?projectId={otherProject}", Photo("别处.png"))).JsonAsync())
            .GetProperty("id")
            .GetGuid();
        var refused = await manager.PostJsonAsync(
            "/api/v1/public-revenue/entries",
            Entry(site.Project, "advertising", day, 100m, "电梯广告", [otherFile])
        );
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("attachmentIds", out _));

        var entry = await manager
            .PostJsonAsync("/api/v1/public-revenue/entries", Entry(site.Project, "advertising", day, 3_600m, "电梯广告公司", [file]))
            .OkAsync();
        Assert.Equal([file], entry.GetProperty("attachmentIds").EnumerateArray().Select(a => a.GetGuid()));
        var stored = await _app.DbAsync(db =>
            db.Set<RevenueEntry>()
                .Where(e => e.Counterparty == "电梯广告公司" && e.ProjectId == site.Project)
                .Select(e => e.AttachmentIds)
                .SingleAsync()
        );
        Assert.Equal([file], stored);

        var own = await manager.GetAsync($"/api/v1/files/{file}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(FileTests.Png, await own.Content.ReadAsByteArrayAsync());
        var other = await (await _app.As("manager2")).GetAsync($"/api/v1/files/{file}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        var page = await manager.GetAsync($"/fees/public-revenue?projectId={site.Project}&year={LastHalf.Year}&half={LastHalf.Half}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/api/v1/files/{file}\"", html);
        Assert.Contains("电梯广告公司", html);
    }

    [Fact]
    public async Task The_ledger_page_is_for_its_writers_the_portal_for_owners_and_each_version_lists_the_entries_it_counted()
    {
        var site = await FeeTestKit.SiteAsync(_app, "公共收益版本苑");
        var owner = await FeeTestKit.OwnerAsync(_app, site, site.Units[1], "revenue-page-owner", "版本业主 严女士");
        var manager = await _app.As("manager");
        var half = LastHalf;

        // A steward reads fees but does not keep this ledger: 403 and no button on /fees; the fee desk and managers have both.
        var steward = await _app.As("steward");
        Assert.Equal(HttpStatusCode.Forbidden, (await steward.GetAsync("/fees/public-revenue")).StatusCode);
        Assert.DoesNotContain("/fees/public-revenue", await (await steward.GetAsync("/fees")).Content.ReadAsStringAsync());
        Assert.Contains("href=\"/fees/public-revenue\"", await (await manager.GetAsync("/fees")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await _app.As("service")).GetAsync("/fees/public-revenue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/portal/public-revenue")).StatusCode);

        await manager
            .PostJsonAsync(
                "/api/v1/public-revenue/share-settings",
                new
                {
                    projectId = site.Project,
                    percent = 60m,
                    effectiveFrom = half.Start.ToString("yyyy-MM-dd"),
                }
            )
            .OkAsync();
        await manager
            .PostJsonAsync("/api/v1/public-revenue/entries", Entry(site.Project, "parking", half.Start, 5_000m, "临停版本一"))
            .OkAsync();
        var wrong = await manager
            .PostJsonAsync("/api/v1/public-revenue/entries", Entry(site.Project, "utilities", half.Start.AddDays(1), 700m, "重复电费"))
            .OkAsync();
        var v1 = await manager
            .PostJsonAsync(
                "/api/v1/public-revenue/statements",
                new
                {
                    projectId = site.Project,
                    year = half.Year,
                    half = half.Half,
                }
            )
            .OkAsync();
        var v1Id = v1.GetProperty("id").GetGuid();

        // The message links to the owner's page of this version, in the app and in the SMS text.
        var links = await _app.DbAsync(db =>
            db.Set<OutboxMessage>()
                .IgnoreQueryFilters()
                .Where(m => m.RecipientUserId == owner)
                .Select(m => new { m.Channel, m.Link })
                .ToListAsync()
        );
        Assert.Contains(links, m => m.Channel == NotificationChannel.InApp && m.Link == $"/portal/public-revenue?id={v1Id}");
        Assert.Contains(links, m => m.Channel == NotificationChannel.Sms && m.Link == $"/portal/public-revenue?id={v1Id}");

        var v2 = await manager
            .PostJsonAsync(
                $"/api/v1/public-revenue/statements/{v1Id}/corrections",
                new
                {
                    reason = "电费重复入账，补录广告收入",
                    voidEntryIds = new[] { wrong.GetProperty("id").GetGuid() },
                    entries = new[] { Entry(site.Project, "advertising", half.Start.AddDays(2), 800m, "补录广告") },
                }
            )
            .OkAsync();
        var v2Id = v2.GetProperty("id").GetGuid();

        var me = await _app.As("revenue-page-owner");
        var list = await (await me.GetAsync("/portal/public-revenue")).Content.ReadAsStringAsync();
        Assert.Contains($"?id={v1Id}", list);
        Assert.Contains($"?id={v2Id}", list);
        var old = await (await me.GetAsync($"/portal/public-revenue?id={v1Id}")).Content.ReadAsStringAsync();
        Assert.Contains("重复电费", old);
        Assert.DoesNotContain("补录广告", old);
        Assert.Contains($"href=\"/portal/public-revenue?id={v2Id}\"", old);
        var current = await (await me.GetAsync($"/portal/public-revenue?id={v2Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("重复电费", current);
        Assert.Contains("补录广告", current);
        Assert.Contains("临停版本一", current);
        Assert.DoesNotContain("data-testid=\"portal-superseded\"", current);
        // Opening a version is its read receipt; an owner of another project gets nothing.
        var reads = await manager.GetJsonAsync($"/api/v1/public-revenue/statements/{v1Id}/reads");
        Assert.Equal(1, reads.GetProperty("readCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await (await _app.As("owner")).GetAsync($"/portal/public-revenue?id={v2Id}")).StatusCode);
    }

    [Fact]
    public async Task The_demo_owner_reads_the_last_half_year_published_from_the_demo_ledger()
    {
        var owner = await _app.As("owner");
        var mine = (await owner.GetJsonAsync("/api/v1/public-revenue/statements"))
            .EnumerateArray()
            .Single(s => s.GetProperty("year").GetInt32() == LastHalf.Year && s.GetProperty("half").GetInt32() == LastHalf.Half);
        var project = mine.GetProperty("projectId").GetGuid();
        Assert.Contains(
            $"?id={mine.GetProperty("id").GetGuid()}",
            await (await owner.GetAsync("/portal/public-revenue")).Content.ReadAsStringAsync()
        );
        var (start, end) = (LastHalf.Start, LastHalf.End);
        var entries = await _app.DbAsync(db =>
            db.Set<RevenueEntry>()
                .Where(e => e.ProjectId == project && e.Date >= start && e.Date <= end && e.VoidedAt == null)
                .Select(e => new { e.Kind, e.Amount })
                .ToListAsync()
        );
        Assert.Equal(5, mine.GetProperty("entryCount").GetInt32());
        var income = entries.Where(e => e.Kind == RevenueKind.Income).Sum(e => e.Amount);
        var expense = entries.Where(e => e.Kind == RevenueKind.Expense).Sum(e => e.Amount);
        Assert.Equal(income, mine.GetProperty("income").GetDecimal());
        Assert.Equal(expense, mine.GetProperty("expense").GetDecimal());
        Assert.Equal(Math.Round((income - expense) * 0.7m, 2, MidpointRounding.AwayFromZero), mine.GetProperty("ownersShare").GetDecimal());
    }
}
