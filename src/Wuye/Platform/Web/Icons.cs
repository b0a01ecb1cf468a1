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
}
