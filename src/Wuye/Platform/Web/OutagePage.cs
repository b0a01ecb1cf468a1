using System.Text.Encodings.Web;

namespace Wuye.Platform.Web;

/// <summary>
/// The page a person sees while the database cannot be reached (503), in the page's language. Written whole by the
/// exception handler: the usual error page is drawn through the pipeline (sign-in check, scope, menu), which needs the
/// database, so it would fail again. Plain HTML with the app's stylesheet; it reloads itself after the Retry-After.
/// </summary>
internal static class OutagePage
{
    public static Task WriteAsync(HttpContext http, string title)
    {
        var retry = http.Response.Headers.RetryAfter.ToString();
        var seconds = int.TryParse(retry, out var s) ? Math.Max(s, 5) : 15;
        var lang = Loc.IsEnglish ? "en" : "zh-CN";
        var h = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All); // Chinese as text, not entities
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta http-equiv="refresh" content="{seconds}" />
            <title>{h.Encode(Loc.T("系统暂时不可用", "Temporarily unavailable"))}</title>
            <link rel="stylesheet" href="/lib/tabler/css/tabler.min.css" />
            </head>
            <body>
            <div class="page page-center"><div class="container-tight py-5 text-center" data-testid="outage-page">
            <div class="empty-header">503</div>
            <p class="empty-title">{h.Encode(title)}</p>
            <p class="empty-subtitle text-secondary">{h.Encode(
                Loc.T(
                    $"请稍后重试；本页将在 {seconds} 秒后自动刷新。",
                    $"Please try again shortly; this page reloads itself in {seconds} seconds."
                )
            )}</p>
            <p class="small text-secondary">{h.Encode(Loc.T("追踪编号", "Trace id"))}: <code>{h.Encode(http.TraceIdentifier)}</code></p>
            </div></div>
            </body>
            </html>
            """,
            http.RequestAborted
        );
    }
}
