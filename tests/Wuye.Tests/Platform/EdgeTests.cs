using System.Net;
using Microsoft.AspNetCore.Hosting;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

/// <summary>What every answer carries and what no client can fake (issue 12: items 6, 8 and 9).</summary>
public sealed class EdgeTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.App;

    [Fact]
    public async Task Chinese_pages_go_out_as_UTF8_text_not_as_HTML_entities()
    {
        var res = await _app.CreateClient().GetAsync("/account/sign-in");
        var html = await res.Content.ReadAsStringAsync();
        Assert.Contains("登录", html);
        Assert.DoesNotContain("&#x767B;", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"&#x[0-9A-F]{4};", html);
    }

    [Fact]
    public async Task Every_answer_forbids_sniffing_and_pages_carry_a_content_policy_and_refuse_frames()
    {
        var client = _app.CreateClient();
        var page = await client.GetAsync("/account/sign-in");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", page.Headers.GetValues("Referrer-Policy").Single());
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);

        var api = await (await _app.As("pm")).GetAsync("/api/v1/me");
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
        var anonymous = await client.GetAsync("/api/v1/me");
        Assert.Equal("nosniff", anonymous.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_name_without_an_account_is_locked_like_one_with_an_account()
    {
        var anon = _app.CreateClient();
        async Task<(HttpStatusCode, string?, string?)> TryAsync(string user, string password)
        {
            var res = await anon.PostJsonAsync("/api/v1/auth/token", new { userName = user, password });
            var body = await res.JsonAsync();
            return (res.StatusCode, body.GetProperty("code").GetString(), body.GetProperty("title").GetString());
        }
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync("guard", $"wrong-{i}")).Item1);
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync("nobody-here", $"wrong-{i}")).Item1);
        }
        // The tenth failure locks both, and says so in the same words.
        Assert.Equal(await TryAsync("guard", "wrong-9"), await TryAsync("nobody-here", "wrong-9"));
        var real = await TryAsync("guard", "Wuye@2026");
        var unknown = await TryAsync("nobody-here", "Wuye@2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, real.Item1);
        Assert.Equal(real, unknown);
    }
}

/// <summary>The sign-in rate limit counts the real client, whatever X-Forwarded-For it sends (issue 12: item 6).</summary>
public sealed class ForwardedHeaderTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        var port = TestCluster.FreePort();
        _app = new WuyeApp(cluster, await cluster.CloneAsync(), settings: new() { ["Wuye:SignIn:PermitPerMinute"] = "3" });
        _app.UseKestrel(port);
        _app.StartServer();
        _url = $"http://127.0.0.1:{port}";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Varied_forwarded_addresses_from_one_client_do_not_reset_the_sign_in_limit()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_url) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { userName = "pm", password = $"wrong-{i}" }),
            };
            req.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            statuses.Add((await client.SendAsync(req)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses.Take(3));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
