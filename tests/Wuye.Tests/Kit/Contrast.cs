using Microsoft.Playwright;

namespace Wuye.Tests.Kit;

/// <summary>
/// WCAG 2.x contrast of text on the page, computed in the browser from the rendered colours: the
/// text colour over the first opaque background behind it (translucent layers blended on the way).
/// <c>await page.AssertContrastAsync()</c> checks every visible badge; pass another selector to
/// check other elements. AA asks 4.5:1 for normal text.
/// </summary>
public static class TextContrast
{
    public const double AA = 4.5;

    public sealed record Failure(string Url, string Text, string Classes, string Color, string Background, double Ratio)
    {
        public override string ToString() => $"{Url}: \"{Text}\" .{Classes.Replace(' ', '.')} {Color} on {Background} = {Ratio:0.00}:1";
    }

    private const string Script = """
        ([selector, minimum]) => {
          // Any CSS colour (rgb(), color(srgb …), oklch(), color-mix() as computed) through a 1×1 canvas.
          const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true
              });
          const parse = c => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = 'rgba(0,0,0,0)'; ctx.fillStyle = c; ctx.fillRect(0, 0, 1, 1);
            const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255]; };
          const over = (top, under) => { const a = top[3]; return [0, 1, 2].map(i => top[i] * a + under[i] * (1 - a)).concat([1]); };
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
            }
            let colour = [255, 255, 255, 1];
            for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
            return colour;
          };
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
          const out = [];
          for (const el of document.querySelectorAll(selector)) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || !el.innerText.trim()) continue;
            const bg = background(el);
            const fg = over(parse(getComputedStyle(el).color), bg);
            const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
            const ratio = (a + 0.05) / (b + 0.05);
            if (ratio < minimum) out.push({ text: el.innerText.trim().slice(0, 40), classes: el.className,
              color: `rgb(${fg.slice(0, 3).map(Math.round)})`, background: `rgb(${bg.slice(0, 3).map(Math.round)})`, ratio });
          }
          return out;
        }
        """;

    private sealed class Raw
    {
        public string Text { get; set; } = "";
        public string Classes { get; set; } = "";
        public string Color { get; set; } = "";
        public string Background { get; set; } = "";
        public double Ratio { get; set; }
    }

    /// <summary>The visible elements matching <paramref name="selector"/> whose text falls under <paramref name="minimum"/>:1 against what
    /// is behind it.</summary>
    public static async Task<IReadOnlyList<Failure>> FailuresAsync(this IPage page, string selector = ".badge", double minimum = AA)
    {
        var raw = await page.EvaluateAsync<Raw[]>(Script, new object[] { selector, minimum });
        return [.. raw.Select(r => new Failure(page.Url, r.Text, r.Classes, r.Color, r.Background, Math.Round(r.Ratio, 2)))];
    }

    /// <summary>Fails with every unreadable element listed.</summary>
    public static async Task AssertContrastAsync(this IPage page, string selector = ".badge", double minimum = AA)
    {
        var failures = await page.FailuresAsync(selector, minimum);
        Assert.True(failures.Count == 0, $"Text under {minimum}:1 contrast:\n" + string.Join("\n", failures));
    }
}
