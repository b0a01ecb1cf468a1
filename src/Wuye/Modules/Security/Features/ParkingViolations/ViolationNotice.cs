using System.Text;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.ParkingViolations;

/// <summary>
/// 违章停车告知单: one A4 page in two parts cut apart along the dashed line — the red windscreen copy (第一联 车窗联) left on the car
/// and the white stub (第二联 存根联) kept by the security office — each with the notice number, plate, place, kind, time and guard.
/// The same HTML is printed from the phone's browser or rendered to PDF.
/// </summary>
internal static class ViolationNotice
{
    private static string E(string s) => PrintSheet.E(s);

    public static async Task<string> HtmlAsync(WuyeDb db, ParkingViolation v, int days, int threshold, CancellationToken ct)
    {
        var (company, project) = await PrintSheet.NamesAsync(db, v.ProjectId, ct);
        return Html(v, company, project, $"近 {days} 天内累计违停 {threshold} 次");
    }

    private const string Css =
        "@page{size:A4;margin:10mm}body{font-family:sans-serif;font-size:11pt;margin:0}"
        + ".part{height:128mm;box-sizing:border-box;padding:6mm;border:2px solid #444}"
        + ".red{border-color:#c00;color:#900}h1{font-size:17pt;text-align:center;margin:0 0 3mm}"
        + ".head{display:flex;justify-content:space-between;font-size:10pt}table{width:100%;border-collapse:collapse;margin:3mm 0}"
        + "td{border:1px solid currentColor;padding:2mm}td:first-child{width:28mm}.cut{border-top:1px dashed #888;margin:4mm 0;"
        + "font-size:8pt;color:#888;text-align:center}";

    public static string Html(ParkingViolation v, string company, string project, string repeatRule)
    {
        var sb = PrintSheet.Begin($"违章停车告知单 {v.Number}", Css);
        Part(sb, v, company, project, repeatRule, "red", "第一联 车窗联（红） · Windscreen copy", true);
        sb.Append("<div class=\"cut\">沿虚线撕开 · cut here</div>");
        Part(sb, v, company, project, repeatRule, "white", "第二联 存根联（白） · Office stub", false);
        return PrintSheet.End(sb);

        static void Part(
            StringBuilder sb,
            ParkingViolation v,
            string company,
            string project,
            string repeatRule,
            string copy,
            string title,
            bool car
        )
        {
            sb.Append("<div class=\"part ")
                .Append(copy)
                .Append("\" data-part=\"")
                .Append(copy)
                .Append("\"><h1>")
                .Append(E(company))
                .Append(" 违章停车告知单</h1><div class=\"head\"><span>")
                .Append(E(title))
                .Append("</span><span>编号 No. <b data-number>")
                .Append(E(v.Number))
                .Append("</b></span></div><table><tr><td>车牌号</td><td><b>")
                .Append(E(v.Plate))
                .Append("</b></td></tr><tr><td>时间</td><td>")
                .Append(E(ChinaTime.Text(v.RecordedAt)))
                .Append("</td></tr><tr><td>地点</td><td>")
                .Append(E(project))
                .Append(" · ")
                .Append(E(v.Place))
                .Append("</td></tr><tr><td>违章情形</td><td>")
                .Append(E(ParkingViolationHandler.KindName(v.Kind)))
                .Append("</td></tr>");
            if (v.Note is not null)
                sb.Append("<tr><td>备注</td><td>").Append(E(v.Note)).Append("</td></tr>");
            sb.Append("<tr><td>登记人</td><td>").Append(E(v.RecordedByName)).Append("</td></tr></table>");
            sb.Append(
                car
                    ? "<p>尊敬的车主：您的车辆停放违反了小区停车管理规定，影响他人通行与消防安全，请立即挪车。"
                        + E(repeatRule)
                        + "，将上报项目经理处理，并可能停用车辆通行证。谢谢配合！</p>"
                    : "<p>车主/驾驶人签收：____________　　处理结果：____________　　日期：____________</p>"
            );
            sb.Append("</div>");
        }
    }
}
