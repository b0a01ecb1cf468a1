using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.Security.Domain;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Security;

/// <summary>
/// Booth receipts through the API (万科#6) on a booth of its own in 锦绣花园, with a moved clock: numbers follow each other (also when
/// twenty are issued at once), a receipt the driver leaves is voided at once by the guard and later only by the supervisor, a paper
/// receipt recorded with a number skipped makes a gap; the weekly reconciliation's figures equal a scan of the records, and its .xlsx
/// downloads. Bad input answered field by field.
/// </summary>
[Collection(nameof(SecurityApiCollection))]
public sealed class BoothReceiptTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // Tomorrow 10:00 in China: in the future, so tokens stay valid.
    private static readonly DateTime Day = DateTimeOffset.UtcNow.ToOffset(China).Date.AddDays(1);
    private readonly FakeTimeProvider _clock = Clocks.At(new DateTimeOffset(Day.AddHours(10), China));
    private WuyeApp _app = null!;
    private Guid _project;

    public async ValueTask InitializeAsync()
    {
        _app = shared.Use(_clock);
        _project = await _app.DbAsync(db => db.Projects().Where(p => p.Name == "锦绣花园").Select(p => p.Id).FirstAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<HashSet<string>> ErrorsAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        return [.. (await res.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage res)
    {
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("code").GetString();
    }

    private async Task<Guid> BoothAsync(string name) => (
            await (await _app.As("pm"))
                .PostJsonAsync(
                    "/api/v1/posts",
                    new
                    {
                        projectId = _project,
                        name,
                        kind = "carPark",
                    }
                )
                .OkAsync()
        ).GetProperty("id").GetGuid();

    private const string Url = "/api/v1/booth-receipts";

    [Fact]
    public async Task Receipts_are_numbered_without_gaps_voided_on_record_and_a_skipped_paper_number_shows_in_the_weekly_reconciliation()
    {
        var booth = await BoothAsync("测试岗亭 " + Guid.NewGuid().ToString("N")[..6]);
        var guard = await _app.As("guard");
        var pm = await _app.As("pm");

        // Bad input, field by field; a post that is not a booth; a receipt is the guard's to issue.
        Assert.Equal(
            ["amount", "method", "postId"],
            (await ErrorsAsync(await guard.PostJsonAsync(Url, new { plate = (string?)null }))).Order()
        );
        Assert.Equal(
            ["amount", "plate"],
            (
                await ErrorsAsync(
                    await guard.PostJsonAsync(
                        Url,
                        new
                        {
                            postId = booth,
                            amount = 10.001m,
                            method = "cash",
                            plate = "12345",
                        }
                    )
                )
            ).Order()
        );
        Assert.Contains(
            "postId",
            await ErrorsAsync(
                await guard.PostJsonAsync(
                    Url,
                    new
                    {
                        postId = Guid.NewGuid(),
                        amount = 5,
                        method = "cash",
                    }
                )
            )
        );
        var patrolPost = await _app.DbAsync(db =>
            db.Set<SecurityPost>().Where(p => p.ProjectId == _project && p.Kind == PostKind.Patrol).Select(p => p.Id).FirstAsync()
        );
        Assert.Contains(
            "postId",
            await ErrorsAsync(
                await guard.PostJsonAsync(
                    Url,
                    new
                    {
                        postId = patrolPost,
                        amount = 5,
                        method = "cash",
                    }
                )
            )
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await pm.PostJsonAsync(
                    Url,
                    new
                    {
                        postId = booth,
                        amount = 5,
                        method = "cash",
                    }
                )
            ).StatusCode
        );

        async Task<JsonElement> IssueAsync(decimal amount, string method, string? plate = null) =>
            await guard
                .PostJsonAsync(
                    Url,
                    new
                    {
                        postId = booth,
                        amount,
                        method,
                        plate,
                    }
                )
                .OkAsync();
        var first = await IssueAsync(10, "cash", "浙a 12345");
        Assert.Equal(
            (1L, "000001", "浙A12345", "issued"),
            (
                first.GetProperty("serial").GetInt64(),
                first.GetProperty("number").GetString(),
                first.GetProperty("plate").GetString(),
                first.GetProperty("source").GetString()
            )
        );
        Assert.Equal(2L, (await IssueAsync(5, "weChat")).GetProperty("serial").GetInt64());
        var third = await IssueAsync(15, "alipay");
        Assert.Equal(3L, third.GetProperty("serial").GetInt64());

        // The driver did not take the third one: voided at once, on record.
        var voidUrl = $"{Url}/{third.GetProperty("id").GetGuid()}/void";
        Assert.Contains("reason", await ErrorsAsync(await guard.PostJsonAsync(voidUrl, new { reason = " " })));
        var voided = await guard.PostJsonAsync(voidUrl, new { reason = "司机未取" }).OkAsync();
        Assert.Equal((true, "司机未取"), (voided.GetProperty("voided").GetBoolean(), voided.GetProperty("voidReason").GetString()));
        Assert.Equal("booth_receipt.voided", await CodeAsync(await guard.PostJsonAsync(voidUrl, new { reason = "x" })));

        // Printed: the receipt as a PDF with its number; the printable page of a voided one says so across it.
        var pdf = await guard.GetAsync($"{Url}/{first.GetProperty("id").GetGuid()}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5));
        Assert.Contains("booth-receipt-000001.pdf", pdf.Content.Headers.ContentDisposition?.ToString());
        var slip = await guard.GetStringAsync($"/security/booth/receipts/{third.GetProperty("id").GetGuid()}/print");
        Assert.Contains("<span data-number>000003</span>", slip);
        Assert.Contains("人民币 壹拾伍元整", slip);
        Assert.Contains("data-void>作废 VOID", slip);
        Assert.DoesNotContain(
            "data-void>",
            await guard.GetStringAsync($"/security/booth/receipts/{first.GetProperty("id").GetGuid()}/print")
        );
        Assert.Equal(HttpStatusCode.NotFound, (await guard.GetAsync($"{Url}/{Guid.NewGuid()}/pdf")).StatusCode);
        Assert.Equal(
            ["人民币 贰佰零伍元伍角", "人民币 壹万零捌元零伍分", "人民币 零元整", "人民币 壹拾元整"],
            new[] { 205.5m, 10008.05m, 0m, 10m }.Select(Wuye.Modules.Security.Features.BoothReceipts.ReceiptSlip.Capitals)
        );

        // Too late for the guard: the supervisor voids it.
        var fourth = await IssueAsync(20, "cash");
        _clock.Advance(TimeSpan.FromMinutes(11));
        var late = $"{Url}/{fourth.GetProperty("id").GetGuid()}/void";
        Assert.Equal("booth_receipt.void_too_late", await CodeAsync(await guard.PostJsonAsync(late, new { reason = "司机未取" })));
        await pm.PostJsonAsync(late, new { reason = "金额开错，已重开" }).OkAsync();

        // Twenty receipts at once: twenty numbers in a row, none twice.
        var many = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => IssueAsync(5, "cash")));
        Assert.Equal(Enumerable.Range(5, 20).Select(i => (long)i), many.Select(r => r.GetProperty("serial").GetInt64()).Order());

        // A paper receipt written while the terminal was down, numbered 26 with 25 skipped: the counter carries on after it.
        var manual = new
        {
            postId = booth,
            serial = 26L,
            amount = 30m,
            method = "cash",
            issuedAt = Day.AddHours(9).ToString("yyyy-MM-ddTHH:mm:ss"),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await guard.PostJsonAsync($"{Url}/manual", manual)).StatusCode);
        Assert.Equal(
            ["issuedAt", "serial"],
            (await ErrorsAsync(await pm.PostJsonAsync($"{Url}/manual", manual with { serial = 0L, issuedAt = (string)null! }))).Order()
        );
        Assert.Contains(
            "issuedAt",
            await ErrorsAsync(
                await pm.PostJsonAsync($"{Url}/manual", manual with { issuedAt = Day.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ss") })
            )
        );
        Assert.Equal("manual", (await pm.PostJsonAsync($"{Url}/manual", manual).OkAsync()).GetProperty("source").GetString());
        Assert.Equal("booth_receipt.duplicate_serial", await CodeAsync(await pm.PostJsonAsync($"{Url}/manual", manual)));
        Assert.Equal(27L, (await IssueAsync(10, "card")).GetProperty("serial").GetInt64());

        // The week's reconciliation: the booth's figures equal a scan of its records, the gap is 25.
        var week = DateOnly.FromDateTime(Day).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.Forbidden, (await guard.GetAsync($"{Url}/reconciliation?projectId={_project}")).StatusCode);
        Assert.Contains("projectId", await ErrorsAsync(await pm.GetAsync($"{Url}/reconciliation?week={week}")));
        var report = await pm.GetJsonAsync($"{Url}/reconciliation?projectId={_project}&week={week}");
        var row = report.GetProperty("booths").EnumerateArray().Single(b => b.GetProperty("postId").GetGuid() == booth);
        var records = await _app.DbAsync(db => db.Set<BoothReceipt>().Where(r => r.SecurityPostId == booth).ToListAsync());
        var valid = records.Where(r => r.VoidedAt == null).ToList();
        Assert.Equal(
            (records.Count, 2, valid.Sum(r => r.Amount), 1L, 27L),
            (
                row.GetProperty("issued").GetInt32(),
                row.GetProperty("voided").GetInt32(),
                row.GetProperty("total").GetDecimal(),
                row.GetProperty("firstSerial").GetInt64(),
                row.GetProperty("lastSerial").GetInt64()
            )
        );
        Assert.Equal(
            valid.GroupBy(r => r.Method.ToString()).OrderBy(g => g.Key).Select(g => (g.Key, g.Count(), g.Sum(r => r.Amount))),
            row.GetProperty("methods")
                .EnumerateArray()
                .Select(m =>
                    (
                        JsonNamingPolicyFix(m.GetProperty("method").GetString()!),
                        m.GetProperty("count").GetInt32(),
                        m.GetProperty("total").GetDecimal()
                    )
                )
                .OrderBy(m => m.Item1)
        );
        var gaps = report.GetProperty("gaps").EnumerateArray().Where(g => g.GetProperty("postId").GetGuid() == booth).ToList();
        Assert.Equal([(25L, 25L)], gaps.Select(g => (g.GetProperty("from").GetInt64(), g.GetProperty("to").GetInt64())));
        var voids = report.GetProperty("voids").EnumerateArray().Where(v => v.GetProperty("postId").GetGuid() == booth).ToList();
        Assert.Equal(["司机未取", "金额开错，已重开"], voids.Select(v => v.GetProperty("voidReason").GetString()).Order());

        // The same as .xlsx for finance; a bad format is refused.
        var xlsx = await pm.GetAsync($"{Url}/reconciliation/export?projectId={_project}&week={week}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString(await xlsx.Content.ReadAsByteArrayAsync(), 0, 2));
        Assert.Contains("format", await ErrorsAsync(await pm.GetAsync($"{Url}/reconciliation/export?projectId={_project}&format=pdf")));

        // The list: filtered by state.
        var list = await pm.GetJsonAsync($"{Url}?postId={booth}&state=voided");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Contains("state", await ErrorsAsync(await pm.GetAsync($"{Url}?state=lost")));
    }

    /// <summary>The API writes enums camelCase; the records' names are PascalCase.</summary>
    private static string JsonNamingPolicyFix(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
