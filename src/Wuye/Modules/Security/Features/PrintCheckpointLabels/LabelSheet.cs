using System.Net;
using System.Text;
using QRCoder;
using Wuye.Modules.Security.Features.ListPatrolRoutes;

namespace Wuye.Modules.Security.Features.PrintCheckpointLabels;

/// <summary>
/// The printable sheet of a route's checkpoint labels: one card per checkpoint with its QR code (the signed payload, as SVG: no
/// image files, nothing to download) and the short code to type when a camera cannot read it. The same HTML is printed from the
/// browser or rendered to PDF.
/// </summary>
internal static class LabelSheet
{
    public static string Svg(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(3);
    }

    public static string Html(RouteDto route, IReadOnlyList<LabelDto> labels)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(route.Name))
            .Append(" 巡更点标签</title><style>")
            .Append("body{font-family:sans-serif;margin:8mm}h1{font-size:14pt}")
            .Append(".grid{display:flex;flex-wrap:wrap;gap:6mm}")
            .Append(".label{width:58mm;border:1px dashed #888;padding:3mm;text-align:center;break-inside:avoid}")
            .Append(".label svg{width:50mm;height:50mm}.code{font:bold 16pt monospace;letter-spacing:2px}")
            .Append("</style></head><body><h1>")
            .Append(E(route.Project))
            .Append(" · ")
            .Append(E(route.Name))
            .Append("</h1><div class=\"grid\">");
        foreach (var l in labels)
            sb.Append("<div class=\"label\" data-checkpoint=\"")
                .Append(l.CheckpointId)
                .Append("\"><div>")
                .Append(l.Position)
                .Append(". ")
                .Append(E(l.Name))
                .Append("</div>")
                .Append(Svg(l.Payload))
                .Append("<div class=\"code\" data-testid=\"label-code\">")
                .Append(E(l.Code))
                .Append("</div><div style=\"font-size:8pt\">扫码或输入编码打卡 · Scan or type the code</div></div>");
        sb.Append("</div></body></html>");
        return sb.ToString();
    }
}
