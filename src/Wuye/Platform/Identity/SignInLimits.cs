using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Wuye.Platform;
using Wuye.Platform.Web;

namespace Wuye.Platform.Identity;

/// <summary>
/// Sign-in attempts per client address per minute. Together with the account lockout after
/// repeated failures (Identity's), this slows password guessing across many accounts too.
/// </summary>
internal static class SignInLimits
{
    public const string Policy = "sign-in";

    /// <summary>Verification codes, sign-ups and invitation answers per client address per 10 minutes
    /// (Wuye:Accounts:CodesPer10Minutes).</summary>
    public const string CodesPolicy = "codes";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration config)
    {
        services.AddRateLimiter(o =>
        {
            var permits = WuyeOptions.From(config).SignIn.PermitPerMinute;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, http =>
                !HttpMethods.IsPost(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        http.Connection.RemoteIpAddress?.ToString() ?? "local",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = permits,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }
                    )
            );
            var codes = WuyeOptions.From(config).Accounts.CodesPer10Minutes;
            o.AddPolicy(CodesPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = codes,
                        Window = TimeSpan.FromMinutes(10),
                        QueueLimit = 0,
                    }
                )
            );
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                http.Response.Headers.RetryAfter = "60";
                var codesLimited = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == CodesPolicy;
                if (codesLimited)
                    http.Response.Headers.RetryAfter = "600";
                var title = codesLimited
                    ? Loc.T("请求过于频繁，请十分钟后再试", "Too many requests from this address; try again in ten minutes")
                    : Loc.T("登录尝试过于频繁，请一分钟后再试", "Too many sign-in attempts; try again in a minute");
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await http
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = http,
                                ProblemDetails =
                                {
                                    Status = 429,
                                    Title = title,
                                    Extensions = { ["code"] = "auth.rate_limited" },
                                },
                            }
                        );
                }
                else
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync(
                        $"<!doctype html><meta charset=utf-8><title>429</title><p style=\"font:16px "
                            + $"sans-serif;margin:2rem\">{System.Net.WebUtility.HtmlEncode(title)} <a "
                            + $"href=\"/account/sign-in\">{Loc.T("返回登录", "Back to sign-in")}</a></p>",
                        ct
                    );
                }
            };
        });
        return services;
    }
}
