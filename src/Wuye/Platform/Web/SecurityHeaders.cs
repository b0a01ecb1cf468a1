namespace Wuye.Platform.Web;

/// <summary>
/// Headers on every answer: nothing is sniffed into another type (an uploaded GIF stays a GIF), pages
/// are never framed by another site, the referrer leaves only as our origin, and a page may load
/// scripts, styles, images and connections from this site only.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    // Inline scripts and styles stay allowed (the pages' own small ones); eval does not.
    private const string Policy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                h.ContentSecurityPolicy = Policy;
            return Task.CompletedTask;
        });
        return next(http);
    }
}
