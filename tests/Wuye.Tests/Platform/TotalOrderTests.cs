using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wuye.Modules.MasterData.Data;
using Wuye.Platform.Web;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>
/// A page of a list is the same page every time (issue 12, item 12): every paged or first-of query
/// has a total order ending in a unique key, and in the tests a row limit without one fails instead
/// of warning, so it stays fixed.
/// </summary>
public sealed class TotalOrderTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.App;

    [Fact]
    public async Task A_row_limit_or_first_without_an_order_fails_in_the_tests()
    {
        // Accounts have no query filter, so nothing but an order or a filter makes First deterministic.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _app.DbAsync(db => db.Users.Select(u => u.UserName).FirstOrDefaultAsync())
        );
        Assert.NotNull(await _app.DbAsync(db => db.Users.OrderBy(u => u.Id).Select(u => u.UserName).FirstOrDefaultAsync()));
    }

    [Fact]
    public async Task A_paged_query_whose_order_has_ties_is_refused_and_one_ending_in_the_id_is_served()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _app.DbAsync(db => db.Units().OrderBy(u => u.Number).ToPagedAsync(2, 20, default))
        );
        var ordered = await _app.DbAsync(db =>
            db.Units().OrderBy(u => u.Number).ThenBy(u => u.Id).Select(u => u.Number).ToPagedAsync(2, 20, default)
        );
        Assert.Equal(20, ordered.Items.Count);
        var byNumberThenId = await _app.DbAsync(db =>
            Task.FromResult(db.Units().OrderBy(u => u.Number).ThenByDescending(u => u.Id).Select(u => u.Number).Expression)
        );
        Assert.True(Paging.HasTotalOrder(byNumberThenId));
    }

    [Fact]
    public async Task Every_list_of_the_api_serves_its_second_page_twice_the_same()
    {
        var endpoints = _app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e =>
                e.RoutePattern.RawText is { } t
                && t.StartsWith("/api/v1/")
                && !t.Contains('{')
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
            )
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .Order()
            .ToList();
        Assert.True(endpoints.Count > 20, $"found {endpoints.Count} list endpoints");
        var lists = 0;
        foreach (var user in new[] { "admin", "manager" })
        {
            var client = await _app.As(user);
            foreach (var path in endpoints)
            {
                var url = $"{path}?page=2&pageSize=3";
                var first = await client.GetAsync(url);
                Assert.True(
                    (int)first.StatusCode < 500,
                    $"{user} {url}: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}"
                );
                if (first.StatusCode != HttpStatusCode.OK || first.Content.Headers.ContentType?.MediaType != "application/json")
                    continue;
                var body = await first.Content.ReadAsStringAsync();
                if (!body.Contains("\"pageSize\""))
                    continue;
                lists++;
                Assert.Equal(body, await (await client.GetAsync(url)).Content.ReadAsStringAsync());
            }
        }
        Assert.True(lists > 20, $"{lists} paged lists answered");
    }
}
