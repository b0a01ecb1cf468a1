using System.Net;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Platform;

public sealed class AuthTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly WuyeApp _app = shared.Use(TimeProvider.System);

    [Fact]
    public async Task A_demo_user_gets_a_token_and_sees_their_roles_and_home()
    {
        var client = await _app.As("steward");
        var me = await client.GetJsonAsync("/api/v1/me");
        Assert.Equal("steward", me.GetProperty("userName").GetString());
        Assert.Equal("/home/steward", me.GetProperty("home").GetString());
        Assert.Single(me.GetProperty("zones").EnumerateArray());
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        var res = await _app.CreateClient().PostJsonAsync("/api/v1/auth/token", new { userName = "pm", password = "nope-nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Equal("auth.invalid_credentials", (await res.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ten_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var anon = _app.CreateClient();
        for (var i = 0; i < 10; i++)
            await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "guard", password = $"wrong-{i}" });
        var res = await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "guard", password = "Wuye@2026" });
        Assert.Equal(HttpStatusCode.TooManyRequests, res.StatusCode);
        Assert.Equal("auth.locked_out", (await res.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token()
    {
        var anon = _app.CreateClient();
        var token = await (
            await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "service", password = "Wuye@2026" })
        ).JsonAsync();
        var refreshed = await anon.PostJsonAsync(
            "/api/v1/auth/refresh",
            new { refreshToken = token.GetProperty("refreshToken").GetString() }
        );
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.JsonAsync()).GetProperty("accessToken").GetString()));
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anon.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" })).StatusCode
        );
    }

    [Fact]
    public async Task Pages_send_strangers_to_the_sign_in_page()
    {
        var anon = _app.CreateClient(new() { AllowAutoRedirect = false });
        var res = await anon.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.Redirect, res.StatusCode);
        Assert.StartsWith("/account/sign-in", res.Headers.Location!.PathAndQuery);
    }
}

/// <summary>The sign-in rate limit, on an app whose limit is small enough to reach.</summary>
public sealed class SignInRateLimitTests(TestCluster cluster) : IAsyncLifetime
{
    private WuyeApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await WuyeApp.StartAsync(cluster, new() { ["Wuye:SignIn:PermitPerMinute"] = "5" });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_answer_429()
    {
        var anon = _app.CreateClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
            codes.Add((await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "tech", password = "wrong-password" })).StatusCode);
        Assert.Equal(5, codes.Count(c => c == HttpStatusCode.Unauthorized));
        var last = await anon.PostJsonAsync("/api/v1/auth/token", new { userName = "tech", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("auth.rate_limited", (await last.JsonAsync()).GetProperty("code").GetString());
        Assert.True(last.Headers.Contains("Retry-After"));
    }
}
