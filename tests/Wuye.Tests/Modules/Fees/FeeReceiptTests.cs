using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.RecordPayment;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Modules.Fees;

/// <summary>Desk payments and their receipts: one booking per key, receipt numbers without gaps per company.</summary>
[Collection(nameof(FeesApiCollection))]
public sealed class FeeReceiptTests(SharedApp shared)
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    /// <summary>A desk payment through the handler in a transaction of the test's, committed or rolled back.</summary>
    private async Task<string> PayAsync(Guid unit, decimal amount, bool rollBack = false)
    {
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<WuyeDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var paid = await scope
            .ServiceProvider.GetRequiredService<RecordPaymentHandler>()
            .HandleAsync(new NewPayment(unit, amount, PaymentMethod.Cash, null), default);
        if (rollBack)
            await tx.RollbackAsync();
        else
            await tx.CommitAsync();
        return paid.ReceiptNumber;
    }

    private static long Seq(string receipt) => long.Parse(receipt[^6..]);

    [Fact]
    public async Task A_payment_retried_with_the_same_key_but_another_body_is_refused_409_and_booked_once()
    {
        var site = await FeeTestKit.SiteAsync(_app, "收费幂等苑");
        var desk = await _app.As("manager");
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Pay(decimal amount)
        {
            var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments")
            {
                Content = JsonContent.Create(
                    new
                    {
                        unitId = site.Units[0],
                        amount,
                        method = "cash",
                    }
                ),
            };
            req.Headers.Add(IdempotencyMiddleware.Header, key);
            return desk.SendAsync(req);
        }
        Assert.Equal(HttpStatusCode.Created, (await Pay(100m)).StatusCode);
        var other = await Pay(200m);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("idempotency.key_reused", (await other.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, (await Pay(100m)).StatusCode);
        Assert.Equal(
            [100m],
            await _app.DbAsync(db => db.Set<Payment>().Where(p => p.UnitId == site.Units[0]).Select(p => p.Amount).ToListAsync())
        );

        // The desk form's key: the same form sent again finds its payment; sent with another amount it is refused.
        using var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeAccessor>().Scope = DataScope.System;
        var handler = scope.ServiceProvider.GetRequiredService<RecordPaymentHandler>();
        var formKey = Guid.NewGuid();
        var first = await handler.HandleAsync(new NewPayment(site.Units[1], 50m, PaymentMethod.Cash, "现金"), default, formKey);
        var again = await handler.HandleAsync(new NewPayment(site.Units[1], 50m, PaymentMethod.Cash, "现金 "), default, formKey);
        Assert.Equal(first.Id, again.Id);
        var reused = await Assert.ThrowsAsync<RuleException>(() =>
            handler.HandleAsync(new NewPayment(site.Units[1], 60m, PaymentMethod.Cash, "现金"), default, formKey)
        );
        Assert.Equal("payment.key_reused", reused.Code);
    }

    [Fact]
    public async Task Receipt_numbers_follow_each_other_per_company_and_a_payment_rolled_back_gives_its_number_back()
    {
        var site = await FeeTestKit.SiteAsync(_app, "收据连号苑");
        var other = await FeeTestKit.SiteAsync(_app, "收据连号苑（恒安）", "恒安");

        var n1 = Seq(await PayAsync(site.Units[0], 10m));
        var lost = Seq(await PayAsync(site.Units[1], 20m, rollBack: true));
        Assert.Equal(n1 + 1, lost);
        var otherFirst = await PayAsync(other.Units[0], 30m);
        var n2 = Seq(await PayAsync(site.Units[1], 20m));
        var otherSecond = await PayAsync(other.Units[1], 40m);
        var n3 = Seq(await PayAsync(site.Units[2], 50m));
        // The number of the payment that rolled back is issued to the next one; the other company counts on its own.
        Assert.Equal((n1 + 1, n1 + 2), (n2, n3));
        Assert.Equal(Seq(otherFirst) + 1, Seq(otherSecond));
        var numbers = await _app.DbAsync(db =>
            db.Set<Payment>().Where(p => p.CompanyId == site.Company).Select(p => p.ReceiptNumber).ToListAsync()
        );
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(0, await _app.DbAsync(db => db.Set<Payment>().CountAsync(p => p.ProjectId == site.Project && p.Amount == 20m)) - 1);
    }
}
