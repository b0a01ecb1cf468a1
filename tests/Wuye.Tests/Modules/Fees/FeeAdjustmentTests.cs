using System.Net;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Fees.Domain;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>
/// 减免 through the API: asked by one manager, decided by another (four eyes), settled by a credit note, never by editing the
/// bill; the collection rate's denominator drops by what was approved. December 2026 bills of the three-unit test project:
/// 220.02, 893.18 and 382.35 (1,495.55 in all). Also the reasons shown beside arrears (complaints, open requests).
/// </summary>
[Collection(nameof(FeesApiCollection))]
public sealed class FeeAdjustmentTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    /// <summary>The demo project manager ("pm") is also project manager of the test project: the second pair of eyes.</summary>
    private async Task<Guid> SecondManagerAsync(FeeTestKit.Site site) =>
        await _app.DbAsync(async db =>
        {
            var pm = await db.Users.Where(u => u.UserName == "pm").Select(u => u.Id).FirstAsync();
            db.RoleAssignments.Add(
                new RoleAssignment
                {
                    UserId = pm,
                    Role = Roles.ProjectManager,
                    CompanyId = site.Company,
                    ProjectId = site.Project,
                }
            );
            await db.SaveChangesAsync();
            return pm;
        });

    private async Task<Dictionary<Guid, Guid>> BillsAsync(HttpClient client, Guid project) =>
        (await client.GetJsonAsync($"/api/v1/bills?projectId={project}&period=2026-12&pageSize=50"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(b => b.GetProperty("unitId").GetGuid(), b => b.GetProperty("id").GetGuid());

    private static async Task<(decimal Num, decimal Den)> CurrentAsync(HttpClient client, Guid project)
    {
        var r = (await client.GetJsonAsync($"/api/v1/collection-rates?projectId={project}&period=2026-12"))
            .GetProperty("total")
            .GetProperty("currentByAmount");
        return (r.GetProperty("numerator").GetDecimal(), r.GetProperty("denominator").GetDecimal());
    }

    [Fact]
    public async Task Approved_waiver_settles_by_credit_note_and_leaves_the_rate_rejected_one_changes_nothing_nobody_approves_his_own()
    {
        var site = await FeeTestKit.SiteAsync(_app, "收费减免苑");
        var pmId = await SecondManagerAsync(site);
        var manager = await _app.As("manager");
        var pm = await _app.As("pm");
        await FeeTestKit.FeeItemsAsync(manager, site.Project);
        await manager.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2026-12" }).OkAsync();
        var bills = await BillsAsync(manager, site.Project);
        Assert.Equal((0m, 1495.55m), await CurrentAsync(manager, site.Project));

        // Bad input field by field; more than the bill asks is a broken rule.
        var bad = await manager.PostJsonAsync("/api/v1/fee-adjustments", new { amount = 0.001m });
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "billId", "amount", "reason", "reasonText" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        var tooMuch = await manager.PostJsonAsync(
            "/api/v1/fee-adjustments",
            new
            {
                billId = bills[site.Units[0]],
                amount = 220.03m,
                reason = "vacant",
                reasonText = "空置",
            }
        );
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("fee_adjustment.more_than_owed", (await tooMuch.JsonAsync()).GetProperty("code").GetString());

        // The company manager asks 100.00 off unit 1's December bill (vacant); the pm is told.
        var asked = await manager
            .PostJsonAsync(
                "/api/v1/fee-adjustments",
                new
                {
                    billId = bills[site.Units[0]],
                    amount = 100m,
                    reason = "vacant",
                    reasonText = "2026年12月空置，水电表读数未变",
                }
            )
            .OkAsync();
        var id = asked.GetProperty("id").GetGuid();
        Assert.Equal("pending", asked.GetProperty("status").GetString());
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<OutboxMessage>()
                    .AnyAsync(m => m.RecipientUserId == pmId && m.Link == "/fees/adjustments" && m.Channel == NotificationChannel.InApp)
            )
        );
        // Nothing changes until it is decided.
        Assert.Equal((0m, 1495.55m), await CurrentAsync(manager, site.Project));

        var own = await manager.PostJsonAsync($"/api/v1/fee-adjustments/{id}/approve", new { note = "同意" });
        Assert.Equal(HttpStatusCode.Conflict, own.StatusCode);
        Assert.Equal("fee_adjustment.own_request", (await own.JsonAsync()).GetProperty("code").GetString());

        var approved = await pm.PostJsonAsync($"/api/v1/fee-adjustments/{id}/approve", new { note = "核实空置" }).OkAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(
            HttpStatusCode.Conflict,
            (await pm.PostJsonAsync($"/api/v1/fee-adjustments/{id}/reject", new { note = "再议" })).StatusCode
        );
        // The bill still asks 220.02; 100.00 of it is settled by the credit note, 120.02 is open; the rate leaves out 100.00.
        var bill = await manager.GetJsonAsync($"/api/v1/bills/{bills[site.Units[0]]}");
        Assert.Equal(
            (220.02m, 100m, 120.02m),
            (bill.GetProperty("amount").GetDecimal(), bill.GetProperty("paid").GetDecimal(), bill.GetProperty("outstanding").GetDecimal())
        );
        var credit = await _app.DbAsync(db => db.Set<Payment>().SingleAsync(p => p.UnitId == site.Units[0]));
        Assert.Equal((PaymentMethod.CreditNote, 100m, 100m), (credit.Method, credit.Amount, credit.Allocated));
        Assert.StartsWith("JM", credit.ReceiptNumber);
        // A credit note moved no money: it is not among the payments.
        Assert.Equal(0, (await manager.GetJsonAsync($"/api/v1/payments?unitId={site.Units[0]}")).GetProperty("total").GetInt32());
        Assert.Equal((0m, 1395.55m), await CurrentAsync(manager, site.Project));

        // Unit 1 pays the rest at the desk: 120.02 of 1,395.55 collected.
        await manager
            .PostJsonAsync(
                "/api/v1/payments",
                new
                {
                    unitId = site.Units[0],
                    amount = 120.02m,
                    method = "cash",
                }
            )
            .OkAsync();
        Assert.Equal((120.02m, 1395.55m), await CurrentAsync(manager, site.Project));

        // Hardship for unit 2, rejected (with a reason): nothing changes.
        var hardship = await pm.PostJsonAsync(
                "/api/v1/fee-adjustments",
                new
                {
                    billId = bills[site.Units[1]],
                    amount = 50m,
                    reason = "hardship",
                    reasonText = "低保户",
                }
            )
            .OkAsync();
        var hid = hardship.GetProperty("id").GetGuid();
        var noReason = await manager.PostJsonAsync($"/api/v1/fee-adjustments/{hid}/reject", new { note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var rejected = await manager.PostJsonAsync($"/api/v1/fee-adjustments/{hid}/reject", new { note = "未提供低保证明" }).OkAsync();
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Null(rejected.GetProperty("creditNoteId").GetString());
        var b2 = await manager.GetJsonAsync($"/api/v1/bills/{bills[site.Units[1]]}");
        Assert.Equal((893.18m, 0m), (b2.GetProperty("amount").GetDecimal(), b2.GetProperty("paid").GetDecimal()));
        Assert.Equal((120.02m, 1395.55m), await CurrentAsync(manager, site.Project));

        var listed = await manager.GetJsonAsync($"/api/v1/fee-adjustments?projectId={site.Project}");
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Beside_each_household_in_arrears_its_complaints_and_open_requests_are_shown()
    {
        var site = await FeeTestKit.SiteAsync(_app, "收费欠费原因苑");
        var manager = await _app.As("manager");
        await FeeTestKit.FeeItemsAsync(manager, site.Project);
        await manager.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2026-09" }).OkAsync();
        await manager
            .PostJsonAsync(
                "/api/v1/service-requests",
                new
                {
                    unitId = site.Units[1],
                    category = "plumbing",
                    description = "楼上渗水至卫生间吊顶，多次报修未修好",
                    reporterName = "业主",
                    reporterPhone = "13800138001",
                }
            )
            .OkAsync();
        await _app.DbAsync(async db =>
        {
            db.Add(
                new Complaint
                {
                    CompanyId = site.Company,
                    ProjectId = site.Project,
                    UnitId = site.Units[2],
                    Number = "TS-FEE-0001",
                    Description = "电梯经常停运，物业不作为",
                    ComplainantName = "业主",
                    ReceivedByName = "客服",
                    OwnerStaffName = "客服",
                    ReceivedAt = DateTimeOffset.UtcNow,
                    ReplyDueAt = DateTimeOffset.UtcNow.AddDays(1),
                }
            );
            return await db.SaveChangesAsync();
        });

        var arrears = await manager.GetJsonAsync($"/api/v1/arrears?projectId={site.Project}");
        var reasons = arrears
            .GetProperty("units")
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(
                u => u.GetProperty("unitId").GetGuid(),
                u =>
                    u.GetProperty("reasons")
                        .EnumerateArray()
                        .Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("open").GetBoolean()))
                        .ToList()
            );
        Assert.Equal(3, reasons.Count);
        Assert.Empty(reasons[site.Units[0]]);
        Assert.Equal([("request", true)], reasons[site.Units[1]]);
        Assert.Equal([("complaint", true)], reasons[site.Units[2]]);
    }

    [Fact]
    public async Task A_refund_pays_back_held_credit_as_a_negative_receipt_never_more_than_held_and_the_next_bill_gets_only_the_rest()
    {
        var site = await FeeTestKit.SiteAsync(_app, "退款测试苑");
        var manager = await _app.As("manager");
        await FeeTestKit.FeeItemsAsync(manager, site.Project);
        await manager.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2026-12" }).OkAsync();
        // Unit 3 pays 500 on a bill of 382.35: 117.65 held as credit.
        var paid = await manager
            .PostJsonAsync(
                "/api/v1/payments",
                new
                {
                    unitId = site.Units[2],
                    amount = 500m,
                    method = "cash",
                }
            )
            .OkAsync();
        var id = paid.GetProperty("id").GetGuid();
        var url = $"/api/v1/payments/{id}/refund";

        var bad = await manager.PostJsonAsync(url, new { amount = 0.001m });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("amount", out _) && errors.TryGetProperty("reason", out _));
        var tooMuch = await manager.PostJsonAsync(url, new { amount = 117.66m, reason = "多缴退回" });
        Assert.Equal("payment.refund_more_than_held", (await tooMuch.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await _app.As("service")).PostJsonAsync(url, new { amount = 1m, reason = "x" })).StatusCode
        );

        var refund = await manager.PostJsonAsync(url, new { amount = 100m, reason = "业主多缴，退回 100 元" }).OkAsync();
        // Numbered from the receipts' gap-free counter: the number after the payment's, with the TK prefix.
        var receipt = paid.GetProperty("receiptNumber").GetString()!;
        Assert.Equal($"TK{receipt[2..10]}{long.Parse(receipt[10..]) + 1:D6}", refund.GetProperty("receiptNumber").GetString());
        Assert.Equal(("refund", -100m), (refund.GetProperty("method").GetString(), refund.GetProperty("amount").GetDecimal()));
        var rows = (await manager.GetJsonAsync($"/api/v1/payments?unitId={site.Units[2]}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(17.65m, rows.Sum(r => r.GetProperty("credit").GetDecimal()));
        Assert.True(
            await _app.DbAsync(db =>
                db.Set<Wuye.Platform.Audit.ChangeLog>()
                    .AnyAsync(a => a.EntityId == id && a.Action == Wuye.Platform.Audit.ChangeAction.Updated)
            )
        );

        // January's bill takes only the 17.65 left; nothing is left to refund.
        await manager.PostJsonAsync("/api/v1/bills/generate", new { projectId = site.Project, period = "2027-01" }).OkAsync();
        var jan = (await manager.GetJsonAsync($"/api/v1/bills?unitId={site.Units[2]}&period=2027-01")).GetProperty("items")[0];
        Assert.Equal(17.65m, jan.GetProperty("paid").GetDecimal());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostJsonAsync(url, new { amount = 0.01m, reason = "再退" })).StatusCode);
    }
}
