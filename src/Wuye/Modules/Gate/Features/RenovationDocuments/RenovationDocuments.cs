using System.Net;
using System.Text;
using QRCoder;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.RenovationDocuments;

/// <summary>
/// The printed papers of a renovation, as HTML for the browser's Print and for the PDF renderer: the permit (施工许可证, with the QR
/// code the gate scans to check a worker against the permit and the hours) followed by the door sheet (便利贴: hours and phone
/// numbers, to stick on the door), and the 《装修管理协议》 with the owner's and the service center's signature lines.
/// </summary>
internal static class RenovationDocuments
{
    /// <summary>The version of the 《装修管理协议》 text below, kept with each signature.</summary>
    public const string AgreementVersion = "2026.1";

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Qr(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    private static StringBuilder Head(string title) =>
        new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title))
            .Append("</title><style>")
            .Append("@page{size:A4;margin:12mm}body{font-family:sans-serif;font-size:11pt;margin:0}")
            .Append("h1{font-size:20pt;text-align:center;margin:0 0 4mm}table{width:100%;border-collapse:collapse}")
            .Append("td,th{border:1px solid #999;padding:2mm;text-align:left;vertical-align:top}th{width:28%;background:#f3f3f3}")
            .Append(".qr{width:45mm;margin:4mm auto;text-align:center}.qr svg{width:45mm;height:45mm}.code{font:700 16pt monospace}")
            .Append(
                ".sheet{page-break-before:always;border:3px solid #c00;padding:8mm;margin-top:6mm}.sheet h2{font-size:22pt;margin:0 0 4mm}"
            )
            .Append(".big{font-size:16pt;font-weight:700}.sign{display:flex;justify-content:space-between;margin-top:14mm}")
            .Append("ol li{margin-bottom:2mm}")
            .Append("</style></head><body>");

    /// <summary>The permit and its door sheet; <paramref name="qr"/> is the permit's signed payload (<see cref="PermitToken"/>).</summary>
    public static string Permit(RenovationDto r, string project, string hours, string phones, string qr)
    {
        var sb = Head($"装修施工许可证 {r.PermitCode}");
        sb.Append("<h1>装修施工许可证</h1><table>")
            .Append("<tr><th>项目</th><td>")
            .Append(E(project))
            .Append("</td></tr><tr><th>房屋</th><td>")
            .Append(E(r.UnitLabel))
            .Append("</td></tr><tr><th>装修单位</th><td>")
            .Append(E(r.Contractor))
            .Append("</td></tr><tr><th>装修内容</th><td>")
            .Append(E(r.Scope))
            .Append("</td></tr><tr><th>施工期限</th><td data-testid=\"permit-dates\">")
            .Append($"{r.StartDate:yyyy-MM-dd} 至 {r.EndDate:yyyy-MM-dd}")
            .Append("</td></tr><tr><th>施工时间</th><td>工作日 ")
            .Append(E(hours))
            .Append("；周末及法定节假日不得进行产生噪音的施工")
            .Append("</td></tr><tr><th>审批意见</th><td>");
        foreach (var e in r.History.Where(e => e.Action == "approve" && !string.IsNullOrWhiteSpace(e.Note)))
            sb.Append(E(e.Note)).Append("<br>");
        sb.Append("</td></tr></table><div class=\"qr\" data-testid=\"permit-qr\" data-qr=\"")
            .Append(E(qr))
            .Append("\">")
            .Append(Qr(qr))
            .Append("<div class=\"code\">")
            .Append(E(r.PermitCode))
            .Append("</div><div>门岗扫码核验</div></div>")
            .Append("<p>本证须张贴于施工现场入户门外醒目位置，施工人员凭登记的工牌进出，超出施工时间或期限的，门岗不予放行。</p>");
        sb.Append("<div class=\"sheet\" data-testid=\"door-sheet\"><h2>装修温馨提示（便利贴）</h2><p class=\"big\">")
            .Append(E(r.UnitLabel))
            .Append(" 正在装修，给您带来不便，敬请谅解。</p><p class=\"big\">施工时间：工作日 ")
            .Append(E(hours))
            .Append("</p><p>周末及法定节假日不得进行产生噪音的施工。施工期限 ")
            .Append($"{r.StartDate:yyyy-MM-dd} 至 {r.EndDate:yyyy-MM-dd}")
            .Append("，许可证 ")
            .Append(E(r.PermitCode))
            .Append("。</p><p class=\"big\">")
            .Append(E(phones))
            .Append("</p></div></body></html>");
        return sb.ToString();
    }

    /// <summary>The agreement's parties and clauses (HTML): what the owner reads and signs, kept with the signature.</summary>
    public static string AgreementBody(RenovationDto r, string project, string hours) =>
        AgreementBody(
            r.UnitLabel,
            r.Contractor,
            r.Scope,
            r.StartDate,
            r.EndDate,
            [.. r.History.Where(e => e.Action == "approve" && !string.IsNullOrWhiteSpace(e.Note)).Select(e => e.Note!)],
            project,
            hours
        );

    public static string AgreementBody(
        string unit,
        string contractor,
        string scope,
        DateOnly start,
        DateOnly end,
        IEnumerable<string> conditions,
        string project,
        string hours
    )
    {
        var sb = new StringBuilder();
        sb.Append("<p>甲方：")
            .Append(E(project))
            .Append("物业服务中心　　乙方：")
            .Append(E(unit))
            .Append(" 业主　　装修单位：")
            .Append(E(contractor))
            .Append("</p><p>装修内容：")
            .Append(E(scope))
            .Append("；施工期限：")
            .Append($"{start:yyyy-MM-dd} 至 {end:yyyy-MM-dd}")
            .Append("。</p><ol>")
            .Append(
                "<li>乙方按甲方审核通过的图纸施工，不得拆改承重墙、梁柱及外立面，不得改变燃气、消防设施，不得将卫生间改在下层住户卧室上方。</li>"
            )
            .Append("<li>施工时间为工作日 ")
            .Append(E(hours))
            .Append("；周末及法定节假日不得进行产生噪音的施工。</li>")
            .Append("<li>施工人员须在门岗登记并凭工牌进出；高空作业人员须签署《高空作业安全责任承诺书》。</li>")
            .Append("<li>装修垃圾袋装后运至指定地点，不得堆放于公共区域；施工现场配备灭火器。</li>")
            .Append(
                "<li>乙方按甲方核定的金额缴纳装修押金；违反本协议的，甲方可从押金中扣除相应费用。竣工验收合格后，押金扣除违规扣款后无息退还。</li>"
            )
            .Append("<li>甲方工程、秩序人员每日巡查施工现场，乙方应予配合；发现违规的，乙方应按要求限期整改。</li>")
            .Append("<li>需延期的，乙方应在期满前申请并说明原因。</li>")
            .Append("</ol>");
        foreach (var c in conditions)
            sb.Append("<p>审批附加条件：").Append(E(c)).Append("</p>");
        return sb.ToString();
    }

    /// <summary>A signature on the agreement: the PNG image and when it was made.</summary>
    public sealed record SignatureMark(byte[] Png, DateTimeOffset At);

    /// <summary>
    /// The 《装修管理协议》: the text the owner signed (or, before that, today's text), the deposit once paid, and the owner's and the
    /// service center's handwritten signatures with their times.
    /// </summary>
    public static string Agreement(RenovationDto r, string body, SignatureMark? owner, SignatureMark? center)
    {
        var sb = Head("装修管理协议");
        sb.Append("<h1>装修管理协议</h1>").Append(body);
        if (r.Deposit > 0)
            sb.Append("<p>押金：").Append($"{r.Deposit:0.##}").Append(" 元。</p>");
        sb.Append("<p class=\"ver\">协议版本 ").Append(E(r.AgreementVersion ?? AgreementVersion)).Append("</p>");
        static string Sign(string who, SignatureMark? m) =>
            m is null
                ? $"<div>{who}：<br><br>日期：</div>"
                : $"<div data-testid=\"signature\">{who}：<br><img src=\"data:image/png;base64,{Convert.ToBase64String(m.Png)}\" "
                    + $"alt=\"{who}\" style=\"height:22mm\"><br>日期：{E(ChinaTime.Text(m.At))}</div>";
        sb.Append("<div class=\"sign\">")
            .Append(Sign("甲方（服务中心）签字", center))
            .Append(Sign("乙方（业主）签字", owner))
            .Append("</div></body></html>");
        return sb.ToString();
    }

    public static string Title(string doc) => doc == "permit" ? Loc.T("施工许可证", "Permit") : Loc.T("装修管理协议", "Agreement");
}
