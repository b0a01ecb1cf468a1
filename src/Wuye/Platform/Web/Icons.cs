using Microsoft.AspNetCore.Html;

namespace Wuye.Platform.Web;

/// <summary>
/// The few icons the pages draw, as inline SVG from the Tabler icon set (MIT, the set Tabler's CSS
/// styles with <c>.icon</c>): they render with any font, where an emoji shows as an empty box.
/// </summary>
public static class Icons
{
    private static HtmlString Svg(string label, string paths) =>
        new(
            """<svg xmlns="http://www.w3.org/2000/svg" class="icon" width="24" height="24" viewBox="0 0 24 24" stroke-width="2" """
                + """stroke="currentColor" fill="none" stroke-linecap="round" stroke-linejoin="round" role="img" """
                + $"""aria-label="{System.Net.WebUtility.HtmlEncode(label)}">"""
                + $"""<path stroke="none" d="M0 0h24v24H0z" fill="none"/>{paths}</svg>"""
        );

    /// <summary>Tabler "bell".</summary>
    public static HtmlString Bell(string label) =>
        Svg(
            label,
            """<path d="M10 5a2 2 0 1 1 4 0a7 7 0 0 1 4 6v3a4 4 0 0 0 2 3h-16a4 4 0 0 0 2 -3v-3a7 7 0 0 1 4 -6"/>"""
                + """<path d="M9 17v1a3 3 0 0 0 6 0v-1"/>"""
        );

    /// <summary>Tabler "check".</summary>
    public static HtmlString Check(string label) => Svg(label, """<path d="M5 12l5 5l10 -10"/>""");

    /// <summary>Tabler "alert-triangle".</summary>
    public static HtmlString Alert(string label) =>
        Svg(
            label,
            """<path d="M12 9v4"/><path d="M12 16h.01"/>"""
                + """<path d="M10.363 3.591l-8.106 13.534a1.914 1.914 0 0 0 1.636 2.871h16.214a1.914 1.914 0 0 0 1.636 -2.87"""
                + """l-8.106 -13.536a1.914 1.914 0 0 0 -3.274 0z"/>"""
        );

    /// <summary>Tabler "logout".</summary>
    public static HtmlString Leave(string label) =>
        Svg(
            label,
            """<path d="M14 8v-2a2 2 0 0 0 -2 -2h-7a2 2 0 0 0 -2 2v12a2 2 0 0 0 2 2h7a2 2 0 0 0 2 -2v-2"/>"""
                + """<path d="M9 12h12l-3 -3"/><path d="M18 15l3 -3"/>"""
        );

    /// <summary>Tabler "hourglass".</summary>
    public static HtmlString Wait(string label) =>
        Svg(
            label,
            """<path d="M6.5 7h11"/><path d="M6.5 17h11"/>"""
                + """<path d="M6 20v-2a6 6 0 1 1 12 0v2a1 1 0 0 1 -1 1h-10a1 1 0 0 1 -1 -1z"/>"""
                + """<path d="M6 4v2a6 6 0 1 0 12 0v-2a1 1 0 0 0 -1 -1h-10a1 1 0 0 0 -1 1z"/>"""
        );
}
