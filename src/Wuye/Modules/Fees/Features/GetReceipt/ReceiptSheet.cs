using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.GetReceipt;

/// <summary>
/// The printed receipt (收据) as one A5 page: the company, the number, the home, what was paid period by period, the credit
/// held, the total in figures and in capitals (金额大写), who received it. The same HTML is printed or rendered to PDF.
/// </summary>
internal sealed class ReceiptSheet(WuyeDb db, PdfRenderer pdf)
{
    public async Task<string?> HtmlAsync(Guid paymentId, CancellationToken ct)
    {
        if (await ReceiptQueries.ReceiptAsync(db, paymentId, ct) is not { } r)
            return null;
        var place = await db.ProjectRefs()
            .Where(p => p.Id == r.ProjectId)
            .Select(p => new
            {
                Project = p.Name,
                Company = db.CompanyRefs().Where(c => c.Id == p.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return Html(r, place?.Company ?? "", place?.Project ?? "");
    }

    public async Task<byte[]?> PdfAsync(Guid paymentId, CancellationToken ct) =>
        await HtmlAsync(paymentId, ct) is { } html ? await pdf.RenderAsync(html, ct) : null;

    public static string Html(ReceiptDto r, string company, string project)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>收据 ")
            .Append(E(r.ReceiptNumber))
            .Append("</title><style>@page{size:A5 landscape;margin:10mm}body{font-family:sans-serif;font-size:10.5pt}")
            .Append("h1{font-size:16pt;text-align:center;margin:0 0 2mm}.head{display:flex;justify-content:space-between}")
            .Append("table{width:100%;border-collapse:collapse;margin:3mm 0}td,th{border:1px solid #444;padding:1.5mm 2mm}")
            .Append(".r{text-align:right}.foot{display:flex;justify-content:space-between;margin-top:3mm}</style></head><body>")
            .Append("<h1>")
            .Append(E(company))
            .Append(" 收据</h1><div class=\"head\"><span>")
            .Append(E(project))
            .Append(" · ")
            .Append(E(r.UnitLabel))
            .Append("</span><span>编号 <b data-number>")
            .Append(E(r.ReceiptNumber))
            .Append("</b></span></div><div>收款时间 ")
            .Append(E(ChinaTime.ToChina(r.PaidAt).ToString("yyyy-MM-dd HH:mm")))
            .Append(" · 方式 ")
            .Append(E(FeeText.MethodName(r.Method)))
            .Append("</div><table><thead><tr><th>账期</th><th>项目</th><th class=\"r\">金额（元）</th></tr></thead><tbody>");
        foreach (var l in r.Lines)
            sb.Append("<tr><td>")
                .Append(E(l.PeriodText))
                .Append("</td><td>")
                .Append(E(l.FeeItemName))
                .Append("</td><td class=\"r\">")
                .Append(Money.Text(l.Amount))
                .Append("</td></tr>");
        if (r.Credit > 0)
            sb.Append("<tr><td colspan=\"2\">预存（抵扣以后的账单）</td><td class=\"r\">")
                .Append(Money.Text(r.Credit))
                .Append("</td></tr>");
        sb.Append("</tbody><tfoot><tr><th colspan=\"2\">合计 人民币（大写）")
            .Append(ChineseAmount.Upper(r.Amount))
            .Append("</th><th class=\"r\">¥")
            .Append(Money.Text(r.Amount))
            .Append("</th></tr></tfoot></table>");
        if (r.Note is not null)
            sb.Append("<div>备注：").Append(E(r.Note)).Append("</div>");
        sb.Append("<div class=\"foot\"><span>收款人 ")
            .Append(E(r.ReceivedByName))
            .Append("</span><span>（盖章）</span></div></body></html>");
        return sb.ToString();
    }
}
