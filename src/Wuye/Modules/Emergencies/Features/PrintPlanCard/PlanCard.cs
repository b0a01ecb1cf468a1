using System.Net;
using System.Text;
using Wuye.Modules.Emergencies.Features.ListPlans;
using Wuye.Platform.Web;

namespace Wuye.Modules.Emergencies.Features.PrintPlanCard;

/// <summary>
/// The one-page card of a plan in force, to pin up in the guard room and the monitoring center: the steps in order with who and by
/// when, and the numbers to call in large type. The same HTML is printed from the browser or rendered to PDF.
/// </summary>
internal static class PlanCard
{
    public static string Html(PlanDto plan)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(plan.Title))
            .Append("</title><style>")
            .Append("@page{size:A4;margin:10mm}body{font-family:sans-serif;font-size:11pt;margin:0}")
            .Append("h1{font-size:18pt;margin:0 0 2mm}.meta{color:#555;margin-bottom:4mm}")
            .Append(
                "table{width:100%;border-collapse:collapse}td,th{border:1px solid #999;padding:1.5mm;vertical-align:top;text-align:left}"
            )
            .Append(".contacts{display:flex;flex-wrap:wrap;gap:3mm;margin-top:5mm}")
            .Append(".contact{border:2px solid #c00;padding:2mm 3mm}.contact b{font-size:16pt;display:block}")
            .Append("</style></head><body><h1>")
            .Append(E(plan.Title))
            .Append("</h1><div class=\"meta\">")
            .Append(E(plan.Project))
            .Append(" · ")
            .Append(E(plan.KindName))
            .Append(" · ")
            .Append(E(Loc.T($"第 {plan.CurrentVersion} 版", $"Version {plan.CurrentVersion}")));
        if (plan.Versions.FirstOrDefault(v => v.Number == plan.CurrentVersion) is { } v)
            sb.Append(" · ")
                .Append(E(Loc.T("生效", "in force since")))
                .Append(' ')
                .Append(ChinaTime.ToChina(v.PublishedAt).ToString("yyyy-MM-dd"));
        sb.Append("</div><table><thead><tr><th>#</th><th>")
            .Append(E(Loc.T("步骤", "Step")))
            .Append("</th><th>")
            .Append(E(Loc.T("责任", "Who")))
            .Append("</th><th>")
            .Append(E(Loc.T("时限", "By")))
            .Append("</th></tr></thead><tbody>");
        foreach (var s in plan.Steps)
            sb.Append("<tr data-step=\"")
                .Append(s.Position)
                .Append("\"><td>")
                .Append(s.Position)
                .Append("</td><td>")
                .Append(E(s.Action))
                .Append("</td><td>")
                .Append(E(s.RoleName))
                .Append("</td><td>")
                .Append(E(Target(s.TargetMinutes)))
                .Append("</td></tr>");
        sb.Append("</tbody></table><div class=\"contacts\">");
        foreach (var c in plan.Contacts)
            sb.Append("<div class=\"contact\">").Append(E(c.Name)).Append("<b>").Append(E(c.Phone)).Append("</b></div>");
        sb.Append("</div></body></html>");
        return sb.ToString();
    }

    public static string Target(int minutes) =>
        minutes == 0 ? Loc.T("立即", "At once") : Loc.T($"启动后 {minutes} 分钟内", $"Within {minutes} min");
}
