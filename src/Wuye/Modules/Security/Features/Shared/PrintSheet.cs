using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;

namespace Wuye.Modules.Security.Features.Shared;

/// <summary>
/// What Security's printed sheets (the booth receipt slip, the two-part violation notice) share: the company and project names
/// printed at the top, the HTML document around the sheet's own style and body, and the answer — the HTML to print from the
/// browser or (<c>?format=pdf</c>) the same HTML rendered to PDF.
/// </summary>
internal static class PrintSheet
{
    public static string E(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The company's and the project's names for a sheet of <paramref name="projectId"/> ("" when not found).</summary>
    public static async Task<(string Company, string Project)> NamesAsync(WuyeDb db, Guid projectId, CancellationToken ct)
    {
        var names = await db.ProjectRefs()
            .Where(p => p.Id == projectId)
            .Select(p => new
            {
                Project = p.Name,
                Company = db.CompanyRefs().Where(c => c.Id == p.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return (names?.Company ?? "", names?.Project ?? "");
    }

    /// <summary>Opens a Chinese document titled <paramref name="title"/> with the sheet's <paramref name="css"/>, up to the body.</summary>
    public static StringBuilder Begin(string title, string css) =>
        new StringBuilder()
            .Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
            .Append(E(title))
            .Append("</title><style>")
            .Append(css)
            .Append("</style></head><body>");

    /// <summary>Closes what <see cref="Begin"/> opened.</summary>
    public static string End(StringBuilder sb) => sb.Append("</body></html>").ToString();

    /// <summary>The sheet to print (HTML) or, for <c>format=pdf</c>, as a PDF download named <paramref name="fileName"/>.</summary>
    public static async Task<IActionResult> AnswerAsync(
        PdfRenderer pdf,
        string html,
        string? format,
        string fileName,
        CancellationToken ct
    ) =>
        format == "pdf"
            ? new FileContentResult(await pdf.RenderAsync(html, ct), "application/pdf") { FileDownloadName = fileName }
            : new ContentResult { Content = html, ContentType = "text/html; charset=utf-8" };
}
