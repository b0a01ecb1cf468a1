using System.Globalization;
using System.Text;
using Wuye.Modules.Security.Domain;
using Wuye.Modules.Security.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Security.Features.BoothReceipts;

/// <summary>
/// 岗亭收费收据 as printed (万科#6): an 80 mm slip for the booth's receipt printer with the company, project, booth, the receipt's
/// number in its booth's series, amount (figures and Chinese capitals), payment method, plate, time and cashier; a voided receipt is
/// printed with "作废 VOID" across it, the reason and who voided it. The same HTML is printed from the browser or rendered to PDF.
/// </summary>
internal static class ReceiptSlip
{
    public static async Task<string> HtmlAsync(WuyeDb db, BoothReceipt r, CancellationToken ct)
    {
        var (company, project) = await PrintSheet.NamesAsync(db, r.ProjectId, ct);
        return Html(r, company, project);
    }

    private const string Css =
        "@page{size:80mm 120mm;margin:4mm}body{font-family:sans-serif;font-size:10pt;margin:0;position:relative}"
        + "h1{font-size:13pt;text-align:center;margin:0 0 1mm}.sub{text-align:center;font-size:9pt;margin-bottom:2mm}"
        + ".no{text-align:center;font-size:14pt;font-weight:bold;margin:2mm 0}table{width:100%;border-collapse:collapse}"
        + "td{padding:1mm 0;border-bottom:1px dotted #888;vertical-align:top}td:first-child{width:20mm;color:#444}"
        + ".amount{font-size:15pt;font-weight:bold}.void{position:absolute;top:35mm;left:0;right:0;text-align:center;"
        + "font-size:30pt;color:#c00;border:3px solid #c00;transform:rotate(-18deg);opacity:.8}.foot{font-size:8pt;"
        + "color:#444;margin-top:2mm;text-align:center}";

    public static string Html(BoothReceipt r, string company, string project)
    {
        static string E(string s) => PrintSheet.E(s);
        var sb = PrintSheet.Begin($"停车收费收据 No.{r.Number}", Css);
        sb.Append("<h1>")
            .Append(E(company))
            .Append("</h1><div class=\"sub\">停车收费收据 · Parking fee receipt</div><div class=\"sub\">")
            .Append(E(project))
            .Append(" · ")
            .Append(E(r.PostName))
            .Append("</div><div class=\"no\">No. <span data-number>")
            .Append(E(r.Number))
            .Append("</span></div><table><tr><td>金额</td><td><span class=\"amount\" data-amount>¥")
            .Append(r.Amount.ToString("0.00", CultureInfo.InvariantCulture))
            .Append("</span><br>")
            .Append(E(Capitals(r.Amount)))
            .Append("</td></tr><tr><td>付款方式</td><td>")
            .Append(E(MethodZh(r.Method)))
            .Append("</td></tr>");
        if (r.Plate is not null)
            sb.Append("<tr><td>车牌号</td><td><b>").Append(E(r.Plate)).Append("</b></td></tr>");
        sb.Append("<tr><td>时间</td><td>")
            .Append(E(ChinaTime.Text(r.IssuedAt)))
            .Append("</td></tr><tr><td>收费员</td><td>")
            .Append(E(r.IssuedByName))
            .Append("</td></tr>");
        if (r.Source == ReceiptSource.Manual)
            sb.Append("<tr><td>来源</td><td>手写收据补录</td></tr>");
        if (r.VoidedAt is { } voided)
            sb.Append("<tr><td>作废</td><td>")
                .Append(E(ChinaTime.Text(voided)))
                .Append(" · ")
                .Append(E(r.VoidedByName ?? ""))
                .Append(" · ")
                .Append(E(r.VoidReason ?? ""))
                .Append("</td></tr></table><div class=\"void\" data-void>作废 VOID</div>");
        else
            sb.Append("</table>");
        sb.Append("<div class=\"foot\">本收据按岗亭连续编号，请妥善保管 · Numbered in the booth's series; please keep it</div>");
        return PrintSheet.End(sb);
    }

    private static string MethodZh(PayMethod m) =>
        m switch
        {
            PayMethod.Cash => "现金",
            PayMethod.WeChat => "微信",
            PayMethod.Alipay => "支付宝",
            _ => "银行卡",
        };

    /// <summary>The amount in Chinese capitals as receipts write it (人民币 壹拾伍元整, 贰佰零伍元伍角).</summary>
    public static string Capitals(decimal amount)
    {
        string[] digits = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
        string[] units = ["", "拾", "佰", "仟", "万", "拾", "佰", "仟", "亿"];
        var fen = (long)Math.Round(amount * 100, MidpointRounding.AwayFromZero);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var sb = new StringBuilder("人民币 ");
        if (yuan > 0)
        {
            var s = yuan.ToString(CultureInfo.InvariantCulture);
            var zero = false;
            for (var i = 0; i < s.Length; i++)
            {
                var d = s[i] - '0';
                var unit = units[s.Length - 1 - i];
                if (d == 0)
                {
                    zero = true;
                    if (unit == "万" || unit == "亿")
                        sb.Append(unit);
                    continue;
                }
                if (zero)
                    sb.Append("零");
                zero = false;
                sb.Append(digits[d]).Append(unit);
            }
            sb.Append("元");
        }
        if (jiao == 0 && cents == 0)
            return sb.Append(yuan > 0 ? "整" : "零元整").ToString();
        if (jiao > 0)
            sb.Append(digits[jiao]).Append("角");
        else if (yuan > 0)
            sb.Append("零");
        if (cents > 0)
            sb.Append(digits[cents]).Append("分");
        return sb.ToString();
    }
}
